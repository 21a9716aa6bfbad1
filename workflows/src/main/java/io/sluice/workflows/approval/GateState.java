package io.sluice.workflows.approval;

/** Where an approval gate is. */
public enum GateState {
    /** The run has not reached its gate yet. */
    NOT_OPENED,
    /** Waiting for approvers. */
    OPEN,
    /** Enough approvers approved. */
    APPROVED,
    /** An approver rejected. */
    REJECTED,
    /** The deadline passed without a decision. */
    EXPIRED
}
