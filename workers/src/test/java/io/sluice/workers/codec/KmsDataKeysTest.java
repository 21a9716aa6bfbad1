package io.sluice.workers.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsAccount;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workers.config.TemporalConfig;
import io.sluice.workers.temporal.TemporalConnection;
import io.temporal.api.common.v1.Payload;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class KmsDataKeysTest {

    @Test
    void payloadKeyFromKms_isTheDataKeyAndSealsPayloads(LocalAws localAws) {
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        localAws.accounts().forEach(account -> accounts.put(account.alias(),
                new AwsAccount(account.alias(), account.id(), account.workerRoleArn())));
        try (var clients = new AwsClients(new AwsSettings(LocalAws.REGION, accounts, Duration.ofSeconds(20), Duration.ofSeconds(5),
                localAws.awsEndpoint().toString()), software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        LocalAws.WORKER_IDENTITY))) {
            var kms = clients.client("shared", AwsServices.KMS);
            String keyId = kms.createKey(create -> create.description("payload key")).keyMetadata().keyId();
            var dataKey = kms.generateDataKey(generate -> generate.keyId(keyId).keySpec("AES_256"));
            var config = new TemporalConfig(null, null, null, null, null, null, null,
                    Base64.getEncoder().encodeToString(dataKey.ciphertextBlob().asByteArray()), "shared", "kms-1", null, null, null);

            byte[] decrypted = new KmsDataKeys(clients).decrypt("shared", dataKey.ciphertextBlob().asByteArray());
            var converter = TemporalConnection.dataConverter(config, Map.of(), new KmsDataKeys(clients));
            var reference = new AesGcmPayloadCodec("kms-1", dataKey.plaintext().asByteArray());
            Payload sealed = converter.toPayload("s3://bucket/model.tar.gz").orElseThrow();

            assertThat(decrypted).isEqualTo(dataKey.plaintext().asByteArray());
            assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo(AesGcmPayloadCodec.ENCODING);
            assertThat(converter.fromPayload(sealed, String.class, String.class)).isEqualTo("s3://bucket/model.tar.gz");
            assertThat(reference.decode(List.of(sealed)).get(0).getData().toStringUtf8()).isEqualTo("\"s3://bucket/model.tar.gz\"");
        }
    }
}
