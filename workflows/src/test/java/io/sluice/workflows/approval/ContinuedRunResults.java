package io.sluice.workflows.approval;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Test helper for runs that continued as new. The Java test server's history long poll does not
 * follow a chain of runs, so a result is read from the latest run once it has closed.
 */
public final class ContinuedRunResults {
    private static final int MAX_STEPS = 10_000;

    private ContinuedRunResults() {}

    /** Every run of {@code workflowId}, oldest first. */
    public static List<WorkflowExecutionInfo> runs(TestWorkflowEnvironment environment, String workflowId) {
        var filter = WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId).build();
        var stub = environment.getWorkflowClient().getWorkflowServiceStubs().blockingStub();
        String namespace = environment.getNamespace();
        List<WorkflowExecutionInfo> runs = new ArrayList<>(stub.listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest
                .newBuilder().setNamespace(namespace).setExecutionFilter(filter).build()).getExecutionsList());
        runs.addAll(stub.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
                .setExecutionFilter(filter).build()).getExecutionsList());
        runs.sort(Comparator.comparing(info -> info.getStartTime().getSeconds() * 1_000_000_000L + info.getStartTime().getNanos()));
        return runs;
    }

    /**
     * Waits until {@code workflowId} has {@code count} runs, without asking the runs anything: the
     * test server mishandles a query that arrives while a run continues as new.
     */
    public static void awaitRuns(TestWorkflowEnvironment environment, String workflowId, int count) {
        for (int step = 0; step < MAX_STEPS; step++) {
            if (runs(environment, workflowId).size() >= count) {
                return;
            }
            environment.sleep(Duration.ofMillis(1));
        }
        throw new AssertionError(workflowId + " did not reach " + count + " runs");
    }

    /** The result of the latest run of {@code workflowId}, once it has closed; fails if it does not close. */
    public static <T> T latest(TestWorkflowEnvironment environment, String workflowId, Class<T> type) {
        for (int step = 0; step < MAX_STEPS; step++) {
            List<WorkflowExecutionInfo> runs = runs(environment, workflowId);
            WorkflowExecutionInfo last = runs.get(runs.size() - 1);
            if (last.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return environment.getWorkflowClient().newUntypedWorkflowStub(workflowId,
                        Optional.of(last.getExecution().getRunId()), Optional.empty()).getResult(type);
            }
            environment.sleep(Duration.ofMillis(1));
        }
        throw new AssertionError("the latest run of " + workflowId + " did not close");
    }
}
