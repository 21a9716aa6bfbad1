package io.sluice.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.client.config.ConfigException;
import io.sluice.client.config.TemporalConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.AwsAccount;
import io.temporal.api.common.v1.Payload;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@ExtendWith(LocalAwsExtension.class)
class KmsDataKeysTest {

    @Test
    void payloadKeyFromKms_isTheDataKeyAndSealsPayloads(LocalAws localAws) {
        try (var keys = dataKeys(localAws)) {
            var kms = keys.kms(new AwsAccount("shared", localAws.account("shared").id(), localAws.account("shared").workerRoleArn()));
            String keyId = kms.createKey(create -> create.description("payload key")).keyMetadata().keyId();
            var dataKey = kms.generateDataKey(generate -> generate.keyId(keyId).keySpec("AES_256"));
            var config = new TemporalConfig(null, null, null, null, null, null, null,
                    Base64.getEncoder().encodeToString(dataKey.ciphertextBlob().asByteArray()), "shared", "kms-1", null, null, null);

            byte[] decrypted = keys.decrypt("shared", dataKey.ciphertextBlob().asByteArray());
            var converter = TemporalConnection.dataConverter(config, Map.of(), keys);
            var reference = new AesGcmPayloadCodec("kms-1", dataKey.plaintext().asByteArray());
            Payload sealed = converter.toPayload("s3://bucket/model.tar.gz").orElseThrow();

            assertThat(decrypted).isEqualTo(dataKey.plaintext().asByteArray());
            assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo(AesGcmPayloadCodec.ENCODING);
            assertThat(converter.fromPayload(sealed, String.class, String.class)).isEqualTo("s3://bucket/model.tar.gz");
            assertThat(reference.decode(List.of(sealed)).get(0).getData().toStringUtf8()).isEqualTo("\"s3://bucket/model.tar.gz\"");
        }
    }

    @Test
    void aKeyOfAnUnknownAccountOrNotAKey_isAConfigErrorNamingIt(LocalAws localAws) {
        try (var keys = dataKeys(localAws)) {
            assertThatThrownBy(() -> keys.decrypt("sahred", new byte[] {1, 2, 3}))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("temporal.payloadKeyAccount 'sahred'");
            assertThatThrownBy(() -> keys.decrypt("shared", new byte[] {1, 2, 3}))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("decrypting the payload data key with KMS as");
        }
    }

    private static KmsDataKeys dataKeys(LocalAws localAws) {
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        localAws.accounts().forEach(account -> accounts.put(account.alias(),
                new AwsAccount(account.alias(), account.id(), account.workerRoleArn())));
        return new KmsDataKeys(LocalAws.REGION, accounts, localAws.awsEndpoint().toString(),
                StaticCredentialsProvider.create(LocalAws.WORKER_IDENTITY), Duration.ofSeconds(20), Duration.ofSeconds(5));
    }
}
