package io.sluice.activities.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.build.StepFunctionsActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs an existing state machine: the execution's name is deterministic, so a retry describes the
 * execution it started instead of starting another.
 *
 * <p>Step Functions holds an execution name for 90 days after the execution closes. An execution
 * found under the step's name is taken only if its input is the request's (compared as JSON);
 * otherwise the step fails with a non-retryable {@code sluice.Conflict}. A found execution that
 * ended badly cannot be run again under that name, and the failure says so.
 */
public final class StepFunctionsActivitiesImpl implements StepFunctionsActivities {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELD_NAME = "Step Functions holds an execution name for 90 days after the execution "
            + "closes: start the run again with a new run key.";

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
        var describe = new AwsOperation(clients.account(request.account()), "states", "DescribeExecution", executionArn);
        DescribeExecutionResponse existing = describeIfExists(sfn, executionArn, describe);
        if (existing == null) {
            try {
                sfn.startExecution(start -> start.stateMachineArn(request.stateMachineArn()).name(request.executionName())
                        .input(request.input()));
            } catch (ExecutionAlreadyExistsException alreadyStarted) {
                existing = AwsCalls.call(describe, () -> sfn.describeExecution(d -> d.executionArn(executionArn)));
            } catch (SdkException e) {
                throw AwsFailures.classify(e, operation, AwsCalls.attempt());
            }
        }
        boolean held = existing != null;
        if (held && !sameJson(existing.input(), request.input())) {
            throw ApplicationFailure.newNonRetryableFailure("execution " + executionArn + " already exists in account "
                    + clients.account(request.account()).describe() + " with input " + existing.input() + " instead of "
                    + request.input() + ". " + HELD_NAME, FailureType.CONFLICT.type());
        }
        DescribeExecutionResponse finished = JobWaiter.await("execution " + executionArn,
                () -> AwsCalls.call(describe, () -> sfn.describeExecution(d -> d.executionArn(executionArn))),
                DescribeExecutionResponse::statusAsString,
                execution -> execution.status() != ExecutionStatus.RUNNING && execution.status() != ExecutionStatus.PENDING_REDRIVE);
        if (finished.status() != ExecutionStatus.SUCCEEDED) {
            String reason = (finished.error() == null ? "" : finished.error()) + (finished.cause() == null ? "" : ": " + finished.cause());
            throw JobFailures.failed("execution " + executionArn, finished.statusAsString(),
                    held ? (reason.isBlank() ? "no reason given" : reason)
                            + ". The execution already held the name when this attempt started, and " + HELD_NAME : reason);
        }
        return new ExecutionResult(executionArn, finished.statusAsString(), finished.output() == null ? "" : finished.output());
    }

    private static DescribeExecutionResponse describeIfExists(SfnClient sfn, String executionArn, AwsOperation operation) {
        try {
            return sfn.describeExecution(d -> d.executionArn(executionArn));
        } catch (ExecutionDoesNotExistException e) {
            return null;
        } catch (SdkException e) {
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    private static boolean sameJson(String found, String wanted) {
        if (Objects.equals(found, wanted)) {
            return true;
        }
        try {
            return found != null && JSON.readTree(found).equals(JSON.readTree(wanted));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
