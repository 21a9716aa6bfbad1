package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.build.StepFunctionsActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class StepFunctionsActivitiesImplTest {

    @Test
    void run_twiceWithOneName_startsOneExecutionAndReturnsItsOutput(LocalAws localAws) {
        localAws.moto().configure("{\"stepfunctions\":{\"execute_state_machine\":true}}");
        var environment = TestActivityEnvironment.newInstance();
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var sfn = clients.client("dev", AwsServices.STEP_FUNCTIONS);
            String stateMachine = sfn.createStateMachine(create -> create.name("refresh")
                    .roleArn("arn:aws:iam::100000000003:role/SluiceWorker")
                    .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}"))
                    .stateMachineArn();
            environment.registerActivitiesImplementations(new StepFunctionsActivitiesImpl(clients));
            StepFunctionsActivities activities = environment.newActivityStub(StepFunctionsActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
            var request = new StepFunctionsActivities.ExecutionRequest("dev", stateMachine, "credit-risk-pre-1a2b", "{\"a\":1}");

            var first = activities.run(request);
            var second = activities.run(request);

            assertThat(first.status()).isEqualTo("SUCCEEDED");
            assertThat(first.executionArn()).endsWith(":execution:refresh:credit-risk-pre-1a2b");
            assertThat(second.executionArn()).isEqualTo(first.executionArn());
            assertThat(sfn.listExecutions(list -> list.stateMachineArn(stateMachine)).executions()).hasSize(1);
        } finally {
            environment.close();
            localAws.moto().configure("{\"stepfunctions\":{\"execute_state_machine\":false}}");
        }
    }
}
