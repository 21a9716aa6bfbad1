package io.sluice.workflows.build;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code training:} of {@code build.yaml}: the training job. Training data follows the built-in
 * XGBoost algorithm's CSV contract: no header, the label in the first column.
 *
 * @param image the training image; empty: the region's built-in XGBoost
 * @param hyperparameters passed to the algorithm as strings, e.g. {@code num_round: "100"}
 * @param instanceType default ml.m5.xlarge
 * @param instanceCount default 1
 * @param volumeSizeGb default 30
 * @param maxRuntime default PT1H, at most P28D
 * @param channels which flow output ({@code <node_id>.<output>}, as the processing job names its
 *     outputs) feeds each channel: {@code train} and {@code validation} (both required: the
 *     evaluation gate reads validation metrics)
 */
public record TrainingSpec(String image, Map<String, String> hyperparameters, String instanceType, Integer instanceCount,
        Integer volumeSizeGb, Duration maxRuntime, Map<String, String> channels) {
    public TrainingSpec {
        image = Specs.text(image, "");
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(new TreeMap<>(hyperparameters));
        instanceType = Specs.text(instanceType, "ml.m5.xlarge");
        instanceCount = instanceCount == null ? 1 : instanceCount;
        volumeSizeGb = volumeSizeGb == null ? 30 : volumeSizeGb;
        maxRuntime = maxRuntime == null ? Duration.ofHours(1) : maxRuntime;
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /** Checks every value, naming the field ({@code training.…}) that is wrong. */
    public void validate() {
        Specs.instanceType("training.instanceType", instanceType);
        Specs.positive("training.instanceCount", instanceCount, 100);
        Specs.positive("training.volumeSizeGb", volumeSizeGb, 16384);
        Specs.duration("training.maxRuntime", maxRuntime, Duration.ofDays(28));
        if (!channels.containsKey("train") || !channels.containsKey("validation")) {
            throw new IllegalArgumentException("training.channels needs train and validation; expected the processing "
                    + "output feeding each, e.g. {train: train, validation: validation}");
        }
        new TreeMap<>(channels).forEach((channel, output) -> Specs.flowOutput("training.channels." + channel, output));
    }
}
