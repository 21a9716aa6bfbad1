package io.sluice.activities.build;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.workflows.build.StepFunctionsActivities;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs an existing state machine: the execution's name is deterministic, so a retry describes the
 * execution it started instead of starting another.
 */
public final class StepFunctionsActivitiesImpl implements StepFunctionsActivities {
    private final AwsClients clients;

    @Inject
    public StepFunctionsActivitiesImpl(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ExecutionResult run(ExecutionRequest request) {
        SfnClient sfn = clients.client(request.account(), AwsServices.STEP_FUNCTIONS);
        String executionArn = request.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + request.executionName();
        var operation = new AwsOperation(clients.account(request.account()), "states", "StartExecution", executionArn);
        if (!exists(sfn, executionArn, operation)) {
            try {
                sfn.startExecution(start -> start.stateMachineArn(request.stateMachineArn()).name(request.executionName())
                        .input(request.input()));
            } catch (ExecutionAlreadyExistsException alreadyStarted) {
                // An earlier attempt started it between our check and this call: wait for that one.
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw AwsFailures.classify(e, operation, AwsCalls.attempt());
            }
        }
        var describe = new AwsOperation(clients.account(request.account()), "states", "DescribeExecution", executionArn);
        DescribeExecutionResponse finished = JobWaiter.await("execution " + executionArn,
                () -> AwsCalls.call(describe, () -> sfn.describeExecution(d -> d.executionArn(executionArn))),
                DescribeExecutionResponse::statusAsString,
                execution -> execution.status() != ExecutionStatus.RUNNING && execution.status() != ExecutionStatus.PENDING_REDRIVE);
        if (finished.status() != ExecutionStatus.SUCCEEDED) {
            throw JobFailures.failed("execution " + executionArn, finished.statusAsString(),
                    (finished.error() == null ? "" : finished.error()) + (finished.cause() == null ? "" : ": " + finished.cause()));
        }
        return new ExecutionResult(executionArn, finished.statusAsString(), finished.output() == null ? "" : finished.output());
    }

    private static boolean exists(SfnClient sfn, String executionArn, AwsOperation operation) {
        try {
            sfn.describeExecution(d -> d.executionArn(executionArn));
            return true;
        } catch (ExecutionDoesNotExistException e) {
            return false;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }
}
