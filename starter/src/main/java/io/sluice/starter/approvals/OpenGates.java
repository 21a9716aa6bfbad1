package io.sluice.starter.approvals;

import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.ExecutionLists;
import io.sluice.starter.runs.GateQuery;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.ApprovalState;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the runs whose approval gate is open: the running executions with
 * {@code SluiceAwaitingApproval = true} (every running one on the Java test server, which has no
 * visibility), each asked for its gate.
 */
public final class OpenGates {
    private final TemporalSession session;

    public OpenGates(TemporalSession session) {
        this.session = session;
    }

    /** A run waiting at a gate. */
    public record OpenGate(String workflowId, String type, ApprovalState gate) {}

    public List<OpenGate> find() {
        List<OpenGate> open = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var execution : new ExecutionLists(session.client()).open(SluiceSearchAttributes.AWAITING_APPROVAL.getName()
                + " = true AND ExecutionStatus = 'Running'")) {
            String workflowId = execution.getExecution().getWorkflowId();
            // A run that just continued as new may still be listed, until visibility catches up, beside the run it continued as.
            if (!seen.add(workflowId)) {
                continue;
            }
            GateQuery.gateOf(session.client(), workflowId)
                    .filter(ApprovalState::awaitsDecision)
                    .ifPresent(gate -> open.add(new OpenGate(workflowId, execution.getType().getName(), gate)));
        }
        return open;
    }
}
