package io.sluice.starter.approvals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.GateQuery;
import io.sluice.workflows.SearchAttributes;
import io.sluice.workflows.approval.ApprovalState;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the runs whose approval gate is open. With a server that has visibility it asks for
 * {@code SluiceAwaitingApproval = true}; on the Java test server, which has none, it lists the open
 * executions and asks each for its gate.
 */
public final class OpenGates {
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
            GateQuery.gateOf(session.client(), candidate[0])
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
}
