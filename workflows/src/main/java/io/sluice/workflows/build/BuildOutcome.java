package io.sluice.workflows.build;

import io.sluice.workflows.runs.RunOutcome;

/** How a BuildModel run ended. */
public enum BuildOutcome implements RunOutcome {
    /** Registered and approved by the lead data scientist. */
    APPROVED,
    /** Registered, then rejected by the lead data scientist. */
    REJECTED,
    /** Registered, but nobody decided before the gate's deadline; the package is marked Rejected. */
    EXPIRED,
    /** The trained model missed the evaluation bar; nothing was registered. */
    REJECTED_BY_EVALUATION;

    @Override
    public boolean succeeded() {
        return this == APPROVED;
    }
}
