package io.sluice.workflows.promotion;

import io.sluice.workflows.approval.GateCarry;
import java.util.List;
import java.util.Objects;

/**
 * Where a PromoteModel run stood when it continued as new at its promotion gate: what the next run
 * needs to record the decision, rewrite the model card and return, without copying or registering again.
 *
 * @param plan the promotion's plan
 * @param group the central model package group
 * @param groupArn its ARN
 * @param centralPackageArn the central package awaiting the decision
 * @param cardName the model card's name
 * @param approvals the card's approval lines before this gate
 * @param copiedObjects the artifacts copied (listed in the result only when no manifest recorded them)
 * @param copiedImages the images copied
 * @param copyRecord the manifest of the copies, or null where none was written
 * @param gate the open promotion gate; null until the run continues as new
 */
public record PromotionAtGate(PromotionPlan plan, String group, String groupArn, String centralPackageArn, String cardName,
        List<String> approvals, List<ArtifactCopyActivities.ObjectCopy> copiedObjects,
        List<ArtifactCopyActivities.ImageCopy> copiedImages, ArtifactCopyActivities.CopyRecord copyRecord, GateCarry gate) {
    public PromotionAtGate {
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(group, "group is null");
        Objects.requireNonNull(groupArn, "groupArn is null");
        Objects.requireNonNull(centralPackageArn, "centralPackageArn is null");
        Objects.requireNonNull(cardName, "cardName is null");
        approvals = List.copyOf(Objects.requireNonNull(approvals, "approvals is null"));
        copiedObjects = List.copyOf(Objects.requireNonNull(copiedObjects, "copiedObjects is null"));
        copiedImages = List.copyOf(Objects.requireNonNull(copiedImages, "copiedImages is null"));
    }

    /** Where the run stands with its gate {@code carried}, as the next run resumes it. */
    public PromotionAtGate withGate(GateCarry carried) {
        return new PromotionAtGate(plan, group, groupArn, centralPackageArn, cardName, approvals, copiedObjects, copiedImages,
                copyRecord, carried);
    }
}
