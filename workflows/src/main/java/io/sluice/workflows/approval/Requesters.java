package io.sluice.workflows.approval;

import io.sluice.workflows.FailureType;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * Who requested a run, established in the run's first step. A run started with a proof of
 * identity bound to its start ({@link ProofBinding#start}) has the requester STS verifies; a child
 * run has the requester its parent established; otherwise the requester is the name the input
 * declares, and a gate that requires proof will not count approvals for it (it could not tell the
 * requester from the approver).
 */
public final class Requesters {
    private Requesters() {}

    /**
     * @param declared the name the run's input gives
     * @param proof the requester's proof, or null
     * @param fromParent what the parent run verified, or null; trusted only in a child run
     * @throws ApplicationFailure {@code sluice.IdentityRefused}, failing the run, when the proof does not verify
     */
    public static Requester establish(String declared, IdentityProof proof, VerifiedPrincipal fromParent) {
        if (fromParent != null && Workflow.getInfo().getParentWorkflowId().isPresent()) {
            return Requester.verified(fromParent);
        }
        if (proof == null) {
            return Requester.declared(declared);
        }
        var identity = IdentityChecks.stub("verify who requested the run with STS");
        try {
            return Requester.verified(identity.verify(new IdentityActivities.ProofCheck(
                    ProofBinding.start(Workflow.getInfo().getWorkflowId(), proof.nonce()), proof)));
        } catch (ActivityFailure e) {
            throw FailureType.IDENTITY_REFUSED.failure("the requester's proof of identity was refused: " + IdentityChecks.reason(e)
                    + "; start the run again with your own AWS credentials");
        }
    }
}
