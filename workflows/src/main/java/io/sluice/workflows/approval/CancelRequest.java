package io.sluice.workflows.approval;

import io.sluice.workflows.identity.IdentityProof;
import java.util.Objects;

/**
 * A request to cancel a run, as {@code sluice cancel} sends it.
 *
 * @param actor the name the canceller declares
 * @param reason why the run is cancelled (may be empty)
 * @param proof a proof of identity bound to {@code ProofBinding.cancel(workflowId, reason, nonce)},
 *     or null where identities are declared
 */
public record CancelRequest(String actor, String reason, IdentityProof proof) {
    public CancelRequest {
        Objects.requireNonNull(actor, "actor is null");
        reason = reason == null ? "" : reason;
    }
}
