package io.sluice.workflows.identity;

/**
 * The input of a run a person asks for, which may carry their proof of identity. The proof differs
 * on every ask (nonce, signing time), so what identifies the input is the request without it.
 */
public interface RequestedRun {
    /** This request without the requester's proof. */
    RequestedRun withoutRequesterProof();
}
