package io.sluice.workflows.build;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Processing and training jobs, on SageMaker or on the worker ({@link JobMode}). Each method
 * starts its job unless a job of that name exists, then waits for it, heartbeating the job and the
 * status it last saw, so a retried or restarted activity resumes the wait instead of starting a
 * second job. Where an earlier run of the same workflow id left a SageMaker job of the name failed,
 * the job runs under the name's next generation ({@code <jobName>-g2}); results name the job that
 * ran. A job that fails raises a non-retryable {@code sluice.AwsJobFailed} with the job's reason.
 */
@ActivityInterface(namePrefix = "Jobs")
public interface ModelJobActivities {

    ProcessingResult process(ProcessingRequest request);

    TrainingResult train(TrainingRequest request);

    /**
     * Copies the CSV part files of processing outputs without their header row, as the built-in
     * XGBoost reads training and test data: Data Wrangler's processing job writes a header row at
     * the top of every part file. The copy is server-side (each part file's bytes after its first
     * line, by {@code UploadPartCopy}), so no data passes through the worker. A part file already
     * copied from the same source object is kept; files Spark hides ({@code _SUCCESS}, names
     * starting with {@code _} or {@code .}) and part files holding only a header are not copied.
     * An output of {@code needingRows} without a row fails the step, naming it.
     */
    TrainingDataResult trainingData(TrainingDataRequest request);

    /**
     * @param jobName deterministic, from the workflow id: the job's first generation
     * @param flowUri the {@code .flow} file
     * @param inputs each S3 source of the flow by dataset name → S3 URI
     * @param outputs the flow outputs to produce, {@code <node_id>.<output>}
     * @param outputPrefix the job's outputs go under {@code <outputPrefix>/<job that ran>/<output>}
     */
    record ProcessingRequest(String account, JobMode mode, String jobName, String flowUri, Map<String, String> inputs,
            List<String> outputs, ProcessingSpec spec, String roleArn, Map<String, String> tags, String outputPrefix) {
        public ProcessingRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(mode, "mode is null");
            Objects.requireNonNull(jobName, "jobName is null");
            Objects.requireNonNull(flowUri, "flowUri is null");
            inputs = Map.copyOf(inputs);
            outputs = List.copyOf(outputs);
            Objects.requireNonNull(spec, "spec is null");
            Objects.requireNonNull(roleArn, "roleArn is null");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(outputPrefix, "outputPrefix is null");
        }
    }

    /**
     * @param outputs each output of the flow (e.g. {@code train}) → its S3 prefix
     * @param flowSha256 the hash of the {@code .flow} file the job ran
     * @param headerRow whether each part file of the outputs starts with a header row, as Data
     *     Wrangler writes them; false in results recorded before the field existed, whose SageMaker
     *     outputs had header rows all the same (and whose local outputs did not)
     */
    record ProcessingResult(String jobName, Map<String, String> outputs, String flowSha256, boolean headerRow) {
        public ProcessingResult {
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * @param outputs each output to copy → the S3 prefix the processing job wrote it under
     * @param targetPrefix each copy goes under {@code <targetPrefix>/<output>/}
     * @param needingRows the outputs that must hold a row (those feeding a training channel)
     * @param kmsKey the key that encrypts the copies, as the processing spec's key does its outputs;
     *     empty: the bucket's default encryption
     */
    record TrainingDataRequest(String account, Map<String, String> outputs, String targetPrefix, Set<String> needingRows,
            String kmsKey) {
        public TrainingDataRequest {
            Objects.requireNonNull(account, "account is null");
            outputs = Map.copyOf(Objects.requireNonNull(outputs, "outputs is null"));
            Objects.requireNonNull(targetPrefix, "targetPrefix is null");
            needingRows = Set.copyOf(Objects.requireNonNull(needingRows, "needingRows is null"));
            Objects.requireNonNull(kmsKey, "kmsKey is null");
        }
    }

    /**
     * @param outputs each output → the S3 prefix of its headerless copy
     * @param partFiles part files copied by this call (not those an earlier attempt had copied)
     * @param bytes the bytes those copies hold
     */
    record TrainingDataResult(Map<String, String> outputs, int partFiles, long bytes) {
        public TrainingDataResult {
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * @param channels channel name ({@code train}, {@code validation}) → S3 prefix of its CSV data
     * @param outputPath the model goes to {@code <outputPath>/<job that ran>/output/model.tar.gz}
     */
    record TrainingRequest(String account, JobMode mode, String jobName, Map<String, String> channels, TrainingSpec spec,
            String roleArn, Map<String, String> tags, String outputPath) {
        public TrainingRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(mode, "mode is null");
            Objects.requireNonNull(jobName, "jobName is null");
            channels = Map.copyOf(channels);
            Objects.requireNonNull(spec, "spec is null");
            Objects.requireNonNull(roleArn, "roleArn is null");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(outputPath, "outputPath is null");
        }
    }

    /**
     * @param image the training image the job ran (also the inference image of built-in algorithms)
     * @param metrics the job's final metrics, e.g. {@code validation:auc}
     */
    record TrainingResult(String jobName, String modelDataUri, String image, Map<String, Double> metrics) {
        public TrainingResult {
            metrics = Map.copyOf(metrics);
        }
    }
}
