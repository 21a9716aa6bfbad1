package io.sluice.workflows.build;

import io.temporal.activity.ActivityInterface;
import java.util.Objects;

/** Runs an existing Step Functions state machine and waits for it. */
@ActivityInterface(namePrefix = "StepFunctions")
public interface StepFunctionsActivities {

    /**
     * Starts an execution named {@code executionName} unless it exists, then waits, heartbeating
     * its status. Where an earlier run left the execution of that name failed, timed out or
     * aborted, it starts {@code <executionName>-g2} (and so on) instead; the result's ARN names the
     * execution that ran. An execution that fails, times out or is aborted raises a non-retryable
     * {@code sluice.AwsJobFailed} with its error and cause.
     */
    ExecutionResult run(ExecutionRequest request);

    record ExecutionRequest(String account, String stateMachineArn, String executionName, String input) {
        public ExecutionRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(stateMachineArn, "stateMachineArn is null");
            Objects.requireNonNull(executionName, "executionName is null");
            Objects.requireNonNull(input, "input is null");
        }
    }

    record ExecutionResult(String executionArn, String status, String output) {}
}
