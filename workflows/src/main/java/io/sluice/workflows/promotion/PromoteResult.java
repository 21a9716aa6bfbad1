package io.sluice.workflows.promotion;

import io.sluice.workflows.FollowOn;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.runs.RunResult;
import java.util.List;

/**
 * Output of PromoteModel: what was copied where (the images, and {@code copies}: the manifest
 * object in the target account listing every copy; runs recorded before it list each object in
 * {@code artifacts}, which is otherwise empty), the central package and card, the decision, and
 * the DeployModel run it asked for: its id (empty when not requested) and whether it started or
 * found the endpoint busy with another deployment.
 * {@code gate} is how its approval gate ended (results recorded before it existed hold the gate
 * as {@code approval} instead, and have no {@code gate}).
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
        ArtifactCopyActivities.CopyRecord copies,
        GateOutcome gate,
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
