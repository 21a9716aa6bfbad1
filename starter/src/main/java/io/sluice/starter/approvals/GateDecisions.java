package io.sluice.starter.approvals;

import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.Decision;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/** Sends a decision to a run's gate through the validated {@code decide} update. */
public final class GateDecisions {
    private final WorkflowClient client;

    public GateDecisions(WorkflowClient client) {
        this.client = client;
    }

    /**
     * Sends {@code decision} to {@code workflowId}'s open gate and returns the gate's new state.
     *
     * @throws CommandFailedException with exit code 3 and the gate's reason when it refuses
     */
    public ApprovalState send(String workflowId, Decision decision) {
        try {
            return client.newUntypedWorkflowStub(workflowId).update("decide", ApprovalState.class, decision);
        } catch (WorkflowUpdateException e) {
            throw new CommandFailedException(ExitCodes.REFUSED, "refused by " + workflowId + ": " + reason(e));
        }
    }

    private static String reason(WorkflowUpdateException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof ApplicationFailure failure) {
                return failure.getOriginalMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage();
    }
}
