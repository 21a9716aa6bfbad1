package io.sluice.workflows.build;

import io.sluice.workflows.FollowOn;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.runs.RunResult;
import java.util.Map;

/**
 * Output of BuildModel: what it made and how it ended. ARNs and URIs are empty for steps the run
 * did not reach; {@code promotionWorkflowId} names the PromoteModel run it asked for (empty if none),
 * and {@code promotion} says whether it started or a run of that id was already going.
 * {@code gate} is how its approval gate ended (results recorded before it existed hold the gate
 * as {@code approval} instead, and have no {@code gate}).
 */
public record BuildResult(
        BuildOutcome outcome,
        String modelPackageGroupArn,
        String modelPackageArn,
        String preStepExecutionArn,
        String processingJob,
        Map<String, String> processingOutputs,
        String trainingJob,
        String modelDataUri,
        String trainingImage,
        Map<String, Double> metrics,
        String evaluation,
        GateOutcome gate,
        String promotionWorkflowId,
        FollowOn promotion) implements RunResult {
    public BuildResult {
        processingOutputs = Map.copyOf(processingOutputs);
        metrics = Map.copyOf(metrics);
        if (promotion == null) {
            promotion = FollowOn.fromLegacyId(promotionWorkflowId);
            promotionWorkflowId = FollowOn.legacyWorkflowId(promotionWorkflowId);
        }
    }
}
