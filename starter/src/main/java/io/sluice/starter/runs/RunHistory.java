package io.sluice.starter.runs;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.api.common.v1.WorkflowExecution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every run of one workflow id, newest first, listed by {@link ExecutionLists}. A run that
 * continued as new at its gate goes on in the run it continued as, so only that one is listed, as
 * started when the person's run did.
 */
public final class RunHistory {
    private final WorkflowClient client;

    public RunHistory(WorkflowClient client) {
        this.client = client;
    }

    /**
     * The runs of {@code workflowId}, newest first; throws {@code WorkflowNotFoundException} if it has
     * none. A run that others continued into is listed once, as started when the first of them started.
     */
    public List<RunStatus> runs(String workflowId) {
        List<WorkflowExecutionInfo> oldestFirst = new ExecutionLists(client).of(workflowId).stream()
                .sorted(Comparator.comparing((WorkflowExecutionInfo info) -> info.getStartTime().getSeconds())
                        .thenComparing(info -> info.getStartTime().getNanos()))
                .toList();
        RunStatusReader reader = new RunStatusReader(client);
        List<RunStatus> runs = new ArrayList<>();
        WorkflowExecutionInfo chainStart = null;
        for (WorkflowExecutionInfo info : oldestFirst) {
            chainStart = chainStart == null ? info : chainStart;
            if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
                continue;
            }
            runs.add(0, reader.read(workflowId, info.getExecution().getRunId())
                    .withStartedAt(RunStatusReader.instant(chainStart.getStartTime())));
            chainStart = null;
        }
        if (runs.isEmpty()) {
            throw new WorkflowNotFoundException(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build(), null, null);
        }
        return runs;
    }

    /** How many runs of {@code workflowId} started before its latest one. */
    public int earlierRuns(String workflowId) {
        return Math.max(0, executions(workflowId).size() - 1);
    }

    private List<WorkflowExecutionInfo> executions(String workflowId) {
        return new ExecutionLists(client).of(workflowId).stream()
                .filter(info -> info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
                .toList();
    }
}
