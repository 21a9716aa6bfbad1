package io.sluice.workflows.approval;

import io.temporal.workflow.UpdateMethod;

/**
 * Who cancels a run, proven as a decision is: every Sluice workflow interface extends this one.
 * {@code sluice cancel} sends {@code requestCancel} first and asks Temporal to cancel the run only
 * once the run has recorded the canceller; the name is a wire contract.
 */
public interface Cancellable {
    /** The update that records who cancels the run. */
    String REQUEST_CANCEL_UPDATE = "requestCancel";

    /**
     * Records who asks to cancel the run and why: the person STS verifies from the request's proof,
     * or, without a proof, the declared name marked unverified. A proof that does not verify
     * refuses the update ({@code sluice.IdentityRefused}), and the CLI cancels nothing.
     */
    @UpdateMethod(name = REQUEST_CANCEL_UPDATE)
    Canceller requestCancel(CancelRequest request);
}
