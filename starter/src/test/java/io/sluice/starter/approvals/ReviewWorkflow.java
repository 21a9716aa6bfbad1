package io.sluice.starter.approvals;

import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.approval.Requesters;
import io.sluice.workflows.identity.IdentityProof;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/** A test-only gated workflow: opens the model-approval gate and returns its outcome. */
@WorkflowInterface
public interface ReviewWorkflow extends Approvable {
    /** @param requesterProof the requester's proof bound to the run's start, or null for a declared requester */
    @WorkflowMethod
    Result review(String requester, IdentityProof requesterProof);

    /** Returns once the gate is open (or the run is past it): tests wait on it instead of polling. */
    @UpdateMethod
    void awaitGateOpen();

    record Result(String outcome, ApprovalState approval) {}

    final class Impl extends GatedWorkflow implements ReviewWorkflow {
        private boolean pastGate;

        @Override
        public void awaitGateOpen() {
            Workflow.await(() -> pastGate || approval().awaitsDecision());
        }

        @Override
        public Result review(String requester, IdentityProof requesterProof) {
            ApprovalState closed = gate.open(Gates.MODEL_APPROVAL, Requesters.establish(requester, requesterProof, null),
                    Map.of("auc", "0.91"));
            pastGate = true;
            Workflow.await(Workflow::isEveryHandlerFinished);
            return new Result(closed.state().name(), closed);
        }
    }
}
