package io.sluice.workflows.promotion;

import io.sluice.workflows.approval.ApprovalState;
import java.util.List;

/**
 * Output of PromoteModel: what was copied where, the central package and card, the decision, and
 * the DeployModel run it started (or empty).
 */
public record PromoteResult(
        PromotionOutcome outcome,
        String sourcePackageArn,
        String centralPackageArn,
        String centralGroupArn,
        String modelCardArn,
        int modelCardVersion,
        List<ArtifactCopyActivities.ObjectCopy> artifacts,
        List<ArtifactCopyActivities.ImageCopy> images,
        ApprovalState approval,
        String deploymentWorkflowId) {
    public PromoteResult {
        artifacts = List.copyOf(artifacts);
        images = List.copyOf(images);
    }
}
