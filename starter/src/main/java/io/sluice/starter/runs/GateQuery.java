package io.sluice.starter.runs;

import io.grpc.StatusRuntimeException;
import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.ApprovalState;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads a run's approval gate through its {@code approval} query, with a deadline. */
public final class GateQuery {
    /** How long a gate query may wait for a worker to answer. */
    public static final Duration QUERY_DEADLINE = Duration.ofSeconds(10);

    private GateQuery() {}

    /**
     * The gate of {@code workflowId}, or empty when the run has no {@code approval} query. The
     * server hands a query to a worker of the run's task queue; one that no worker answers within
     * {@link #QUERY_DEADLINE} is a {@link UnansweredQueryException}, not retried.
     */
    public static Optional<ApprovalState> gateOf(WorkflowClient client, String workflowId) {
        return gateOf(client, workflowId, "");
    }

    /** The gate of run {@code runId} of {@code workflowId} (its latest run when empty), as {@link #gateOf(WorkflowClient, String)}. */
    public static Optional<ApprovalState> gateOf(WorkflowClient client, String workflowId, String runId) {
        return gateOf(client, workflowId, runId, QUERY_DEADLINE);
    }

    /** The gate of run {@code runId} of {@code workflowId}, as a worker answers within {@code deadline}. */
    public static Optional<ApprovalState> gateOf(WorkflowClient client, String workflowId, String runId, Duration deadline) {
        var execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
        var request = QueryWorkflowRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .setQuery(WorkflowQuery.newBuilder().setQueryType(Approvable.APPROVAL_QUERY))
                .build();
        QueryWorkflowResponse response;
        try {
            response = client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .queryWorkflow(request);
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> Optional.empty();
                case NOT_FOUND -> throw new WorkflowNotFoundException(execution, null, e);
                case DEADLINE_EXCEEDED -> throw new UnansweredQueryException(workflowId, deadline, e);
                default -> throw e;
            };
        }
        if (response.hasQueryRejected()) {
            return Optional.empty();
        }
        return Optional.of(client.getOptions().getDataConverter().fromPayloads(0, Optional.of(response.getQueryResult()),
                ApprovalState.class, ApprovalState.class));
    }

    /** A gate query no worker answered in time: none polls the run's task queue, or the run is stuck. */
    public static final class UnansweredQueryException extends RuntimeException {
        UnansweredQueryException(String workflowId, Duration deadline, Throwable cause) {
            super("no worker answered the approval query of " + workflowId + " within " + deadline.toSeconds() + " s", cause);
        }
    }
}
