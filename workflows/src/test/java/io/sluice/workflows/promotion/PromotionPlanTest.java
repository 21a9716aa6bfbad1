package io.sluice.workflows.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan names its targets under its target prefix, or (as plans recorded before did) by whole URIs; both read the same. */
class PromotionPlanTest {
    private static final String PREFIX = "s3://sluice-shared-100000000004/models/100000000003/credit-risk/v1";
    private static final String MODEL = "s3://sluice-dev-100000000003/train/model.tar.gz";
    private static final String SPLIT_PART = "s3://sluice-dev-100000000003/proc/split.test/part-0.csv";

    @Test
    void namesUnderTheTargetPrefix_readAsTheWholeUrisOlderPlansHeld() {
        var byUri = plan(Map.of(MODEL, PREFIX + "/container-0-model.tar.gz", SPLIT_PART, PREFIX + "/test-split/part-0.csv"),
                PREFIX + "/test-split/");
        var byName = plan(Map.of(MODEL, PromotionPlan.nameUnder(PREFIX, PREFIX + "/container-0-model.tar.gz"),
                SPLIT_PART, PromotionPlan.nameUnder(PREFIX, PREFIX + "/test-split/part-0.csv")),
                PromotionPlan.nameUnder(PREFIX, PREFIX + "/test-split/"));

        assertThat(byName.artifacts()).containsEntry(MODEL, "container-0-model.tar.gz");
        assertThat(byName.testSplit()).isEqualTo("test-split/");
        assertThat(byName.targets()).isEqualTo(byUri.targets()).containsEntry(SPLIT_PART, PREFIX + "/test-split/part-0.csv");
        assertThat(byName.testSplitTarget()).isEqualTo(byUri.testSplitTarget()).isEqualTo(PREFIX + "/test-split/");
    }

    @Test
    void aTargetOutsideThePrefix_keepsItsWholeUri() {
        assertThat(PromotionPlan.nameUnder(PREFIX, "s3://elsewhere/x")).isEqualTo("s3://elsewhere/x");
        assertThat(PromotionPlan.nameUnder(PREFIX, PREFIX + "/")).isEqualTo(PREFIX + "/");
    }

    private static PromotionPlan plan(Map<String, String> artifacts, String testSplit) {
        return new PromotionPlan("arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1", "credit-risk", 1,
                "Approved", "", List.of(), "", Map.of(), "", Map.of(), artifacts, Map.of(), testSplit, "dev", PREFIX);
    }
}
