package io.sluice.workflows.build;

import io.sluice.workflows.approval.ApprovalState;
import java.util.Map;

/**
 * Output of BuildModel: what it made and how it ended. ARNs and URIs are empty for steps the run
 * did not reach; {@code promotionWorkflowId} names the PromoteModel run it started, if any.
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
        ApprovalState approval,
        String promotionWorkflowId) {
    public BuildResult {
        processingOutputs = Map.copyOf(processingOutputs);
        metrics = Map.copyOf(metrics);
    }
}
