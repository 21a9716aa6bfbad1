package io.sluice.workflows.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * The approval handlers every gated workflow has; its workflow interface extends this one. The
 * names are wire contracts: the Web UI's "Send Signal", the {@code temporal} CLI and
 * {@code sluice approve} use them.
 */
public interface Approvable extends Cancellable {
    /** The signal that approves the open gate. */
    String APPROVE_SIGNAL = "approve";
    /** The signal that rejects it. */
    String REJECT_SIGNAL = "reject";
    /** The validated update that decides it and answers a {@link DecisionReceipt}. */
    String DECIDE_UPDATE = "decide";
    /** The query that answers the gate's whole {@link ApprovalState}. */
    String APPROVAL_QUERY = "approval";

    /** Approve the open gate. A decision that does not count is kept in the audit trail with why. */
    @SignalMethod(name = APPROVE_SIGNAL)
    void approve(Decision decision);

    /** Reject the open gate (a comment is required). A decision that does not count is audited and ignored. */
    @SignalMethod(name = REJECT_SIGNAL)
    void reject(Decision decision);

    /**
     * Approve or reject, refusing at once what would not count; returns where the gate is now and
     * the decision as audited (the whole audit is the {@code approval} query's).
     */
    @UpdateMethod(name = DECIDE_UPDATE)
    DecisionReceipt decide(Decision decision);

    /** Refuses, with the reason, a decision that would not count. */
    @UpdateValidatorMethod(updateName = DECIDE_UPDATE)
    void validateDecide(Decision decision);

    /** The gate's whole state and audit trail. */
    @QueryMethod(name = APPROVAL_QUERY)
    ApprovalState approval();
}
