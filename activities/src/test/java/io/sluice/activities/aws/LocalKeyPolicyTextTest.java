package io.sluice.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared account's artifact key, created by the shared-services template, read back through the KMS client. */
@ExtendWith(LocalAwsExtension.class)
class LocalKeyPolicyTextTest {

    @Test
    void getKeyPolicy_ofAKeyATemplateCreated_answersThePolicyAsJsonTextWithTheTemplatesStatements(LocalAws localAws)
            throws Exception {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var kms = clients.client("shared", AwsServices.KMS);
            String bucket = localAws.account("shared").artifactBucket();
            String keyId = clients.client("shared", AwsServices.S3).getBucketEncryption(get -> get.bucket(bucket))
                    .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID();

            String policy = kms.getKeyPolicy(get -> get.keyId(keyId).policyName("default")).policy();

            List<String> sids = new ArrayList<>();
            new ObjectMapper().readTree(policy).path("Statement").forEach(statement -> sids.add(statement.path("Sid").asText()));
            assertThat(sids).containsExactly("SharedAccountIam", "TestAndProdDecryptThroughS3");
        }
    }
}
