package io.sluice.workflows.promotion;

/** How a PromoteModel run ended. */
public enum PromotionOutcome {
    /** Copied, registered centrally and approved by the ML engineer. */
    PROMOTED,
    /** Copied and registered, then rejected by the ML engineer; the central package is marked Rejected. */
    REJECTED,
    /** Nobody decided before the gate's deadline; the central package is marked Rejected. */
    EXPIRED
}
