package io.sluice.starter.approvals;

import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.UpdateRefusals;
import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.starter.identity.IdentityOptions.Prover;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.DecisionReceipt;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.ProofBinding;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;

/**
 * Sends a decision to a run's gate through the validated {@code decide} update, with a proof of
 * identity bound to it where the gate requires one.
 */
public final class GateDecisions {
    private final WorkflowClient client;

    public GateDecisions(WorkflowClient client) {
        this.client = client;
    }

    /**
     * Sends {@code decision} to {@code workflowId}'s open gate and returns where the gate is now.
     * Where the open gate requires proof, {@code prover} signs one bound to this run, the open
     * gate, the verdict, the comment and a fresh nonce.
     *
     * @throws CommandFailedException with exit code 3 and the gate's reason when it refuses, or
     *     when the run has ended and its gate with it
     * @throws io.temporal.client.WorkflowNotFoundException when there is no such run (exit code 4)
     */
    public DecisionReceipt send(String workflowId, Decision decision, Prover prover) {
        var stub = client.newUntypedWorkflowStub(workflowId);
        if (stub.describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            RunStatus run = new RunStatusReader(client).read(workflowId);
            throw new CommandFailedException(ExitCodes.REFUSED, workflowId + " ended "
                    + (run.outcome() != null ? run.outcome() : run.status()) + " at " + run.closedAt() + "; its gate is closed");
        }
        Decision sent = decision;
        ApprovalState gate = stub.query(Approvable.APPROVAL_QUERY, ApprovalState.class);
        if (gate.awaitsDecision() && gate.identity() == IdentityMode.PROVEN) {
            String gateName = decision.gate().isEmpty() ? gate.name() : decision.gate();
            sent = decision.withProof(prover.prove(nonce ->
                    new ProofBinding(workflowId, gateName, decision.verdict().name(), decision.comment(), nonce)));
        }
        try {
            return stub.update(Approvable.DECIDE_UPDATE, DecisionReceipt.class, sent);
        } catch (WorkflowUpdateException e) {
            throw new CommandFailedException(ExitCodes.REFUSED, "refused by " + workflowId + ": " + UpdateRefusals.reason(e));
        }
    }
}
