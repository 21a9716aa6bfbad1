package io.sluice.workflows.promotion;

import io.sluice.workflows.runs.RunOutcome;

/** How a PromoteModel run ended. */
public enum PromotionOutcome implements RunOutcome {
    /** Copied, registered centrally and approved by the ML engineer. */
    PROMOTED,
    /** Copied and registered, then rejected by the ML engineer; the central package is marked Rejected. */
    REJECTED,
    /** Nobody decided before the gate's deadline; the central package is marked Rejected. */
    EXPIRED;

    @Override
    public boolean succeeded() {
        return this == PROMOTED;
    }

    @Override
    public boolean startableAgain() {
        return this == REJECTED || this == EXPIRED;
    }
}
