package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class CatalogInputsTest {

    @Test
    void resolve_turnsACatalogTableIntoItsLocationAndLeavesS3UrisAlone(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var glue = clients.client("producer", AwsServices.GLUE);
            glue.createDatabase(create -> create.databaseInput(input -> input.name("credit_applications")));
            glue.createTable(create -> create.databaseName("credit_applications").tableInput(input -> input.name("applications")
                    .storageDescriptor(storage -> storage.location("s3://sluice-producer-100000000002/credit-risk/applications"))));

            var resolved = new CatalogInputs(clients).resolve("dev", Map.of(
                    "credit_risk.csv", "glue://credit_applications/applications?account=producer",
                    "extra.csv", "s3://bucket/extra.csv"));

            assertThat(resolved).containsEntry("credit_risk.csv", "s3://sluice-producer-100000000002/credit-risk/applications/")
                    .containsEntry("extra.csv", "s3://bucket/extra.csv");
        }
    }

    @Test
    void resolve_ofAnUnknownTable_failsWithoutRetryNamingIt(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var failure = catchThrowableOfType(ApplicationFailure.class, () -> new CatalogInputs(clients)
                    .resolve("dev", Map.of("data.csv", "glue://credit_applications/absent")));

            assertThat(failure.getType()).isEqualTo("sluice.NotFound");
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage()).contains("table credit_applications.absent", "account dev");
        }
    }
}
