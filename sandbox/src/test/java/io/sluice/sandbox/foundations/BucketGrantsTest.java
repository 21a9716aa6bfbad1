package io.sluice.sandbox.foundations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class BucketGrantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM_STATEMENT = """
            {"Sid": "TeamDeniesPlainHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": "arn:aws:s3:::team-data-grants/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}""";

    @Test
    void apply_keepsTheTeamsStatementsAddsSluicesOnceAndThenChangesNothing(LocalAws localAws) throws Exception {
        String devWorker = "arn:aws:iam::" + localAws.account("dev").id() + ":role/SluiceWorker";
        try (var s3 = localAws.s3("producer")) {
            s3.createBucket(create -> create.bucket("team-data-grants"));
            s3.putBucketPolicy(put -> put.bucket("team-data-grants")
                    .policy("{\"Version\": \"2012-10-17\", \"Statement\": [" + TEAM_STATEMENT + "]}"));
            var grants = AccountFoundations.dataProductReaders("team-data-grants", List.of(devWorker));

            var first = BucketGrants.apply(s3, "producer", "team-data-grants", grants);
            var second = BucketGrants.apply(s3, "producer", "team-data-grants", grants);

            assertThat(first.changed()).isTrue();
            assertThat(second.changed()).isFalse();
            JsonNode policy = JSON.readTree(s3.getBucketPolicy(get -> get.bucket("team-data-grants")).policy());
            assertThat(sids(policy)).containsExactly("TeamDeniesPlainHttp", "SluiceDataProductReadersList",
                    "SluiceDataProductReadersObjects");
            assertThat(policy.path("Statement").get(2).path("Principal").path("AWS").get(0).asText()).isEqualTo(devWorker);
        }
    }

    @Test
    void theLocalStack_grantsTheDevRolesTheProducerBucketAndTheSharedWorkerTheDevBucket(LocalAws localAws) throws Exception {
        String dev = localAws.account("dev").id();
        String shared = localAws.account("shared").id();
        JsonNode producerPolicy;
        JsonNode devPolicy;
        try (var s3 = localAws.s3("producer")) {
            producerPolicy = JSON.readTree(s3.getBucketPolicy(get -> get.bucket(localAws.account("producer").artifactBucket())).policy());
        }
        try (var s3 = localAws.s3("dev")) {
            devPolicy = JSON.readTree(s3.getBucketPolicy(get -> get.bucket(localAws.account("dev").artifactBucket())).policy());
        }

        assertThat(producerPolicy.toString()).contains("arn:aws:iam::" + dev + ":role/SluiceWorker",
                "arn:aws:iam::" + dev + ":role/SluiceSageMakerExecution");
        assertThat(sids(devPolicy)).contains("SluicePromotionReaders");
        assertThat(devPolicy.toString()).contains("arn:aws:iam::" + shared + ":role/SluiceWorker");
    }

    private static List<String> sids(JsonNode policy) {
        List<String> sids = new ArrayList<>();
        policy.path("Statement").forEach(statement -> sids.add(statement.path("Sid").asText()));
        return sids;
    }
}
