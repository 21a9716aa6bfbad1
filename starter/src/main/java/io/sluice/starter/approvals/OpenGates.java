package io.sluice.starter.approvals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sluice.starter.TemporalSession;
import io.sluice.workflows.SearchAttributes;
import io.sluice.workflows.approval.ApprovalState;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;

/**
 * Finds the runs whose approval gate is open. With a server that has visibility it asks for
 * {@code SluiceAwaitingApproval = true}; on the Java test server, which has none, it lists the open
 * executions and asks each for its gate.
 */
public final class OpenGates {
    /** How long a gate query may wait for a worker to answer. */
    public static final Duration QUERY_DEADLINE = Duration.ofSeconds(10);

    private final TemporalSession session;

    public OpenGates(TemporalSession session) {
        this.session = session;
    }

    /** A run waiting at a gate. */
    public record OpenGate(String workflowId, String type, ApprovalState gate) {}

    public List<OpenGate> find() {
        List<String[]> candidates;
        try {
            candidates = session.client()
                    .listExecutions(SearchAttributes.AWAITING_APPROVAL.getName() + " = true")
                    .map(execution -> new String[] {execution.getExecution().getWorkflowId(), execution.getWorkflowType()})
                    .toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            candidates = openExecutions();
        }
        List<OpenGate> open = new ArrayList<>();
        for (String[] candidate : candidates) {
            gateOf(session.client(), candidate[0])
                    .filter(ApprovalState::awaitsDecision)
                    .ifPresent(gate -> open.add(new OpenGate(candidate[0], candidate[1], gate)));
        }
        return open;
    }

    private List<String[]> openExecutions() {
        List<String[]> executions = new ArrayList<>();
        String namespace = session.client().getOptions().getNamespace();
        com.google.protobuf.ByteString pageToken = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = session.stubs().blockingStub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest
                    .newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(500)
                    .setNextPageToken(pageToken)
                    .build());
            response.getExecutionsList().forEach(info -> executions.add(
                    new String[] {info.getExecution().getWorkflowId(), info.getType().getName()}));
            pageToken = response.getNextPageToken();
        } while (!pageToken.isEmpty());
        return executions;
    }

    /**
     * The gate of {@code workflowId}, or empty when the run has no {@code approval} query. The
     * server hands a query to a worker of the run's task queue; one that no worker answers within
     * {@link #QUERY_DEADLINE} is a {@link UnansweredQueryException}, not retried.
     */
    public static Optional<ApprovalState> gateOf(WorkflowClient client, String workflowId) {
        var execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).build();
        var request = QueryWorkflowRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .setQuery(WorkflowQuery.newBuilder().setQueryType("approval"))
                .build();
        QueryWorkflowResponse response;
        try {
            response = client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .queryWorkflow(request);
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> Optional.empty();
                case NOT_FOUND -> throw new WorkflowNotFoundException(execution, null, e);
                case DEADLINE_EXCEEDED -> throw new UnansweredQueryException(workflowId, e);
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
        UnansweredQueryException(String workflowId, Throwable cause) {
            super("no worker answered the approval query of " + workflowId + " within " + QUERY_DEADLINE.toSeconds() + " s", cause);
        }
    }
}
