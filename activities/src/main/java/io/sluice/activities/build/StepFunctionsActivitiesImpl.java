package io.sluice.activities.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.build.StepFunctionsActivities;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs an existing state machine: the execution's name is deterministic, so a retry describes the
 * execution it started instead of starting another.
 *
 * <p>Step Functions holds an execution name for 90 days after the execution closes. An execution
 * found running or succeeded under the step's name is taken only if its input is the request's
 * (compared as JSON); otherwise the step fails with a non-retryable {@code sluice.Conflict}. One an
 * earlier run left failed, timed out or aborted makes the step start a new generation of it
 * ({@link JobGenerations}).
 */
public final class StepFunctionsActivitiesImpl implements StepFunctionsActivities {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELD_NAME = "Step Functions holds an execution name for 90 days after the execution "
            + "closes: start the run again with a new run key.";
    /** The cause a cancelled run's execution is stopped with. */
    static final String CANCELLED = "the Sluice run waiting on it was cancelled";
    /** Step Functions' limit on an execution name. */
    static final int NAME_LIMIT = 80;
    private static final Set<ExecutionStatus> ENDED_BADLY = Set.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT,
            ExecutionStatus.ABORTED);

    private final AwsClients clients;

    @Inject
    public StepFunctionsActivitiesImpl(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ExecutionResult run(ExecutionRequest request) {
        SfnClient sfn = clients.client(request.account(), AwsServices.STEP_FUNCTIONS);
        Function<String, DescribeExecutionResponse> describe = name -> AwsCalls.call(operation(request, "DescribeExecution", name),
                () -> sfn.describeExecution(d -> d.executionArn(executionArn(request, name))));
        var generations = new JobGenerations<>("execution", NAME_LIMIT, name -> start(sfn, request, name), describe,
                execution -> ENDED_BADLY.contains(execution.status()));
        var chosen = generations.choose(request.executionName());
        String executionArn = executionArn(request, chosen.name());
        if (!chosen.created() && !sameJson(chosen.found().input(), request.input())) {
            throw FailureType.CONFLICT.failure("execution " + executionArn + " already exists in account "
                    + clients.account(request.account()).describe() + " with input " + chosen.found().input() + " instead of "
                    + request.input() + ". " + HELD_NAME);
        }
        DescribeExecutionResponse finished = JobWaiter.await("execution", executionArn, () -> describe.apply(chosen.name()),
                DescribeExecutionResponse::statusAsString,
                execution -> execution.status() != ExecutionStatus.RUNNING && execution.status() != ExecutionStatus.PENDING_REDRIVE,
                () -> AwsCalls.call(operation(request, "StopExecution", chosen.name()), () -> sfn.stopExecution(stop -> stop
                        .executionArn(executionArn).cause(CANCELLED))));
        if (finished.status() != ExecutionStatus.SUCCEEDED) {
            String reason = (finished.error() == null ? "" : finished.error()) + (finished.cause() == null ? "" : ": " + finished.cause());
            throw JobFailures.failed("execution " + executionArn, finished.statusAsString(), reason);
        }
        return new ExecutionResult(executionArn, finished.statusAsString(), finished.output() == null ? "" : finished.output());
    }

    /** Starts the execution of the name; false when an execution already holds the name. */
    private boolean start(SfnClient sfn, ExecutionRequest request, String name) {
        return AwsCalls.createUnlessExists(operation(request, "StartExecution", name),
                () -> sfn.startExecution(start -> start.stateMachineArn(request.stateMachineArn()).name(name).input(request.input())),
                e -> e instanceof ExecutionAlreadyExistsException).isPresent();
    }

    private static String executionArn(ExecutionRequest request, String name) {
        return request.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
    }

    private AwsOperation operation(ExecutionRequest request, String action, String name) {
        return new AwsOperation(clients.account(request.account()), "states", action, executionArn(request, name));
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
