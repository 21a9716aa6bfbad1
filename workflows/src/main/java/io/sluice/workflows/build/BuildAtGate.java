package io.sluice.workflows.build;

import io.sluice.workflows.approval.GateCarry;
import java.util.Map;
import java.util.Objects;

/**
 * Where a BuildModel run stood when it continued as new at its model gate: what the next run needs
 * to record the decision and return, without processing, training or registering again.
 *
 * @param groupArn the model package group
 * @param packageArn the registered package awaiting the decision
 * @param preStepExecution the pre-step's execution ARN; empty when there was none
 * @param processingJob the processing job
 * @param processingOutputs its outputs by name
 * @param trainingJob the training job
 * @param modelDataUri the model artifact
 * @param image the inference image
 * @param metrics the training job's final metrics
 * @param evaluation how the model met the evaluation bar
 * @param gate the open model gate; null until the run continues as new
 */
public record BuildAtGate(String groupArn, String packageArn, String preStepExecution, String processingJob,
        Map<String, String> processingOutputs, String trainingJob, String modelDataUri, String image, Map<String, Double> metrics,
        String evaluation, GateCarry gate) {
    public BuildAtGate {
        Objects.requireNonNull(groupArn, "groupArn is null");
        Objects.requireNonNull(packageArn, "packageArn is null");
        Objects.requireNonNull(preStepExecution, "preStepExecution is null");
        Objects.requireNonNull(processingJob, "processingJob is null");
        processingOutputs = Map.copyOf(Objects.requireNonNull(processingOutputs, "processingOutputs is null"));
        Objects.requireNonNull(trainingJob, "trainingJob is null");
        Objects.requireNonNull(modelDataUri, "modelDataUri is null");
        Objects.requireNonNull(image, "image is null");
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics is null"));
        Objects.requireNonNull(evaluation, "evaluation is null");
    }

    /** Where the run stands with its gate {@code carried}, as the next run resumes it. */
    public BuildAtGate withGate(GateCarry carried) {
        return new BuildAtGate(groupArn, packageArn, preStepExecution, processingJob, processingOutputs, trainingJob, modelDataUri,
                image, metrics, evaluation, carried);
    }
}
