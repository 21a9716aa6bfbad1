package io.sluice.workflows.promotion;

import io.sluice.workflows.FollowOn;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.runs.RunResult;
import java.util.List;

/**
 * Output of PromoteModel: what was copied where, the central package and card, the decision, and
 * the DeployModel run it asked for: its id (empty when not requested) and whether it started or
 * found the endpoint busy with another deployment.
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
        String deploymentWorkflowId,
        FollowOn deployment) implements RunResult {
    public PromoteResult {
        artifacts = List.copyOf(artifacts);
        images = List.copyOf(images);
        if (deployment == null) {
            deployment = FollowOn.fromLegacyId(deploymentWorkflowId);
            deploymentWorkflowId = FollowOn.legacyWorkflowId(deploymentWorkflowId);
        }
    }
}
