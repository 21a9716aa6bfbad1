package io.sluice.workflows.build;

import java.time.Duration;

/**
 * {@code processing:} of {@code build.yaml}: the Data Wrangler processing job.
 *
 * @param image the processing image; empty: the region's Data Wrangler image
 * @param instanceType default ml.m5.4xlarge
 * @param instanceCount default 1
 * @param volumeSizeGb default 30
 * @param kmsKey KMS key for the volume and outputs; empty for the account default
 * @param outputPrefix where the outputs go, {@code s3://bucket/prefix} (required)
 * @param maxRuntime default PT2H, at most P5D
 * @param outputs flow outputs to keep besides the training channels, as {@code <node_id>.<output>}
 *     (e.g. the test split DeployModel's integration tests read)
 */
public record ProcessingSpec(String image, String instanceType, Integer instanceCount, Integer volumeSizeGb, String kmsKey,
        String outputPrefix, Duration maxRuntime, java.util.List<String> outputs) {
    public ProcessingSpec {
        image = Specs.text(image, "");
        instanceType = Specs.text(instanceType, "ml.m5.4xlarge");
        instanceCount = instanceCount == null ? 1 : instanceCount;
        volumeSizeGb = volumeSizeGb == null ? 30 : volumeSizeGb;
        kmsKey = Specs.text(kmsKey, "");
        outputPrefix = Specs.text(outputPrefix, "");
        if (outputPrefix.endsWith("/")) {
            outputPrefix = outputPrefix.substring(0, outputPrefix.length() - 1);
        }
        maxRuntime = maxRuntime == null ? Duration.ofHours(2) : maxRuntime;
        outputs = outputs == null ? java.util.List.of() : java.util.List.copyOf(outputs);
    }

    /** Checks every value, naming the field ({@code processing.…}) that is wrong. */
    public void validate() {
        Specs.instanceType("processing.instanceType", instanceType);
        Specs.positive("processing.instanceCount", instanceCount, 100);
        Specs.positive("processing.volumeSizeGb", volumeSizeGb, 16384);
        Specs.s3Uri("processing.outputPrefix", outputPrefix);
        Specs.duration("processing.maxRuntime", maxRuntime, Duration.ofDays(5));
        outputs.forEach(output -> Specs.flowOutput("processing.outputs", output));
    }
}
