package io.sluice.workflows.build;

/** How a BuildModel run ended. */
public enum BuildOutcome {
    /** Registered and approved by the lead data scientist. */
    APPROVED,
    /** Registered, then rejected by the lead data scientist. */
    REJECTED,
    /** Registered, but nobody decided before the gate's deadline; the package is marked Rejected. */
    EXPIRED,
    /** The trained model missed the evaluation bar; nothing was registered. */
    REJECTED_BY_EVALUATION
}
