package io.sluice.workflows.approval;

import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Objects;

/**
 * Who asked to cancel a run, as the run recorded it.
 *
 * @param person the verified person (session or user name), else the declared name
 * @param principal the ARN STS answered with; empty when unverified
 * @param verified whether STS proved who sent the request
 * @param reason why, as the request said
 */
public record Canceller(String person, String principal, boolean verified, String reason) {
    public Canceller {
        Objects.requireNonNull(person, "person is null");
        principal = principal == null ? "" : principal;
        reason = reason == null ? "" : reason;
    }

    /**
     * The canceller of {@code request}, from workflow code: verified through STS when it carries a
     * proof, declared otherwise.
     *
     * @throws ApplicationFailure {@code sluice.IdentityRefused} when the proof does not verify
     */
    public static Canceller of(CancelRequest request) {
        if (request.proof() == null) {
            return new Canceller(request.actor(), "", false, request.reason());
        }
        var binding = ProofBinding.cancel(Workflow.getInfo().getWorkflowId(), request.reason(), request.proof().nonce());
        try {
            var principal = IdentityChecks.stub("Verify who cancels the run with STS")
                    .verify(new IdentityActivities.ProofCheck(binding, request.proof()));
            return new Canceller(principal.person(), principal.arn(), true, request.reason());
        } catch (ActivityFailure e) {
            throw FailureType.IDENTITY_REFUSED.failure("proof of identity refused: " + IdentityChecks.reason(e));
        }
    }

    /** How status and the Web UI say it: {@code cancelled by jane (verified: arn:…): wrong flow}. */
    public String describe() {
        return "cancelled by " + person + (verified ? " (verified: " + principal + ")" : " (unverified)")
                + (reason.isBlank() ? "" : ": " + reason.strip());
    }
}
