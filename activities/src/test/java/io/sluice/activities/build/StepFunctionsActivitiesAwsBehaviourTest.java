package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.workflows.build.StepFunctionsActivities.ExecutionRequest;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step Functions as AWS runs it where moto differs: an execution started by an earlier run holds
 * its name for 90 days after it closes. Moto's executions stay RUNNING unless told to execute, so
 * the interposer closes the earlier one.
 */
@ExtendWith(LocalAwsExtension.class)
class StepFunctionsActivitiesAwsBehaviourTest {
    private static final String NAME = "credit-risk-pre-1a2b";

    private AwsInterposer interposer;
    private AwsClients clients;
    private String stateMachine;

    @BeforeEach
    void start(LocalAws localAws) {
        interposer = AwsInterposer.start(localAws.awsEndpoint());
        clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()));
        stateMachine = createStateMachine();
    }

    private String createStateMachine() {
        return clients.client("dev", AwsServices.STEP_FUNCTIONS).createStateMachine(create -> create.name("refresh")
                .roleArn("arn:aws:iam::100000000003:role/SluiceWorker")
                .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}"))
                .stateMachineArn();
    }

    @AfterEach
    void stop() {
        clients.close();
        interposer.close();
    }

    @Test
    void run_whenAnEarlierExecutionWithOtherInputHoldsTheName_failsAsAConflictInsteadOfReturningItsOutput() {
        startEarlierExecution("{\"snapshot\":\"2026-10-01\"}");
        closeEarlierExecution("\"status\": \"SUCCEEDED\", \"output\": \"{\\\"rows\\\":10}\"");

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> new StepFunctionsActivitiesImpl(clients)
                .run(new ExecutionRequest("dev", stateMachine, NAME, "{\"snapshot\":\"2026-11-22\"}")));

        assertThat(failure.getType()).isEqualTo("sluice.Conflict");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .contains("execution " + executionArn() + " already exists in account dev (100000000003) with input "
                        + "{\"snapshot\":\"2026-10-01\"} instead of {\"snapshot\":\"2026-11-22\"}")
                .contains("holds an execution name for 90 days")
                .contains("start the run again with a new run key");
    }

    @Test
    void run_whenAnEarlierRunLeftAFailedExecutionUnderTheName_startsTheNextGenerationAndReturnsItsOutcome() {
        startEarlierExecution("{\"snapshot\":\"2026-11-22\"}");
        closeExecution(executionArn(), "\"status\": \"FAILED\", \"error\": \"States.TaskFailed\", \"cause\": \"table missing\"");
        closeExecution(executionArn() + "-g2", "\"status\": \"SUCCEEDED\", \"output\": \"{\\\"rows\\\":12}\"");

        var result = new StepFunctionsActivitiesImpl(clients)
                .run(new ExecutionRequest("dev", stateMachine, NAME, "{ \"snapshot\": \"2026-11-22\" }"));

        assertThat(result.executionArn()).isEqualTo(executionArn() + "-g2");
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo("{\"rows\":12}");
        assertThat(clients.client("dev", AwsServices.STEP_FUNCTIONS).listExecutions(list -> list.stateMachineArn(stateMachine))
                .executions()).extracting(execution -> execution.name()).containsExactlyInAnyOrder(NAME, NAME + "-g2");
    }

    private void startEarlierExecution(String input) {
        clients.client("dev", AwsServices.STEP_FUNCTIONS)
                .startExecution(start -> start.stateMachineArn(stateMachine).name(NAME).input(input));
    }

    /** Has moto's RUNNING earlier execution answer as closed, with {@code closed} in place of its status. */
    private void closeEarlierExecution(String closed) {
        closeExecution(executionArn(), closed);
    }

    private void closeExecution(String executionArn, String closed) {
        interposer.when(request -> request.is("states", "DescribeExecution") && request.bodyText().contains(executionArn + "\""))
                .rewrite(reply -> reply.withBody(reply.bodyText().replaceFirst("\"status\":\\s*\"RUNNING\"",
                        java.util.regex.Matcher.quoteReplacement(closed))));
    }

    private String executionArn() {
        return stateMachine.replace(":stateMachine:", ":execution:") + ":" + NAME;
    }
}
