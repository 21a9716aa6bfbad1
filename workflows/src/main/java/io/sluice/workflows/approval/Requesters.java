package io.sluice.workflows.approval;

import io.sluice.workflows.FailureType;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

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
        var identity = Workflow.newActivityStub(IdentityActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                .setSummary("verify who requested the run with STS")
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(4)
                        .setDoNotRetry(FailureType.nonRetryableTypes())
                        .build())
                .build());
        try {
            return Requester.verified(identity.verify(new IdentityActivities.ProofCheck(
                    ProofBinding.start(Workflow.getInfo().getWorkflowId(), proof.nonce()), proof)));
        } catch (ActivityFailure e) {
            String reason = e.getCause() instanceof ApplicationFailure application ? application.getOriginalMessage()
                    : String.valueOf(e.getCause());
            throw ApplicationFailure.newNonRetryableFailure("the requester's proof of identity was refused: " + reason
                    + "; start the run again with your own AWS credentials", FailureType.IDENTITY_REFUSED.type());
        }
    }
}
