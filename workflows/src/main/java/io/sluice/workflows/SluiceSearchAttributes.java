package io.sluice.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Search attributes Sluice sets on its runs so they can be found in the Web UI. Names are wire
 * contracts: a cluster must have them registered before any Sluice workflow runs.
 */
public final class SluiceSearchAttributes {
    /** The step a run is at, e.g. {@code training} or {@code production-approval}. */
    public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("SluiceStage");
    /** The model package group a run works on. */
    public static final SearchAttributeKey<String> MODEL_PACKAGE_GROUP =
            SearchAttributeKey.forKeyword("SluiceModelPackageGroup");
    /** True while an approval gate of the run is open. */
    public static final SearchAttributeKey<Boolean> AWAITING_APPROVAL =
            SearchAttributeKey.forBoolean("SluiceAwaitingApproval");
    /** The data product ({@code domain/name}) a run registers or was started for. */
    public static final SearchAttributeKey<String> DATA_PRODUCT = SearchAttributeKey.forKeyword("SluiceDataProduct");

    /** Every key above, for registration on a cluster. */
    public static final List<SearchAttributeKey<?>> ALL =
            List.of(STAGE, MODEL_PACKAGE_GROUP, AWAITING_APPROVAL, DATA_PRODUCT);

    private SluiceSearchAttributes() {}
}
