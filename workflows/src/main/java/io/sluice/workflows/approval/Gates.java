package io.sluice.workflows.approval;

import java.util.List;

/** The approval gates of the lifecycle; names are wire contracts (config keys, decisions' {@code gate}). */
public final class Gates {
    /** The lead data scientist approves a newly built model. */
    public static final String MODEL_APPROVAL = "model-approval";
    /** An ML engineer approves a promotion to shared services. */
    public static final String PROMOTION_APPROVAL = "promotion-approval";
    /** A governance officer approves a production deployment. */
    public static final String PRODUCTION_APPROVAL = "production-approval";

    public static final List<String> ALL = List.of(MODEL_APPROVAL, PROMOTION_APPROVAL, PRODUCTION_APPROVAL);

    private Gates() {}
}
