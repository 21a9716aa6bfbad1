package io.sluice.activities.dataproduct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.workflows.dataproduct.DataProductActivities.ProducerGrantRequest;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lake Formation as AWS runs it where moto differs: moto enforces no Lake Formation permission. */
@ExtendWith(LocalAwsExtension.class)
class DataProductActivitiesAwsBehaviourTest {

    @Test
    void grantProducer_whenTheWorkerIsNotADataLakeAdministrator_failsAtOnceNamingTheRoleAndWhatToGrant(LocalAws localAws) {
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint());
                var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()))) {
            interposer.when(request -> request.service().equals("lakeformation") && request.path().equals("/GrantPermissions"))
                    .answer(AwsReply.jsonError(403, "AccessDeniedException", "Message",
                            "Insufficient Lake Formation permission(s): Required Grant on credit_applications"));
            var governance = clients.account("governance");

            var failure = catchThrowableOfType(ApplicationFailure.class, () -> new DataProductActivitiesImpl(clients).grantProducer(
                    new ProducerGrantRequest("governance", "credit_applications", "s3://sluice-producer-100000000002/credit-risk/",
                            "producer")));

            assertThat(failure.getType()).isEqualTo("sluice.AccessDenied");
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage())
                    .contains("AccessDeniedException (HTTP 403): Insufficient Lake Formation permission(s)")
                    .contains("Lake Formation, not IAM, refused: make role " + governance.roleArn() + " a data lake administrator in account "
                            + governance.describe())
                    .endsWith("or grant it, with the grant option, what this call passes on: database credit_applications to "
                            + clients.account("producer").describe() + ".");
        }
    }
}
