package io.sluice.activities.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.activities.aws.RegionImages;
import io.sluice.activities.aws.SageMakerErrors;
import io.sluice.activities.registry.ModelPackages;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.build.ModelJobActivities.ProcessingRequest;
import io.sluice.workflows.build.ModelJobActivities.ProcessingResult;
import io.sluice.workflows.build.ModelJobActivities.TrainingRequest;
import io.sluice.workflows.build.ModelJobActivities.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ProcessingOutput;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Processing and training as SageMaker jobs: created unless a job of that name exists (a retry
 * finds its own job), then awaited with heartbeats. A failed or stopped job raises a non-retryable
 * {@code sluice.AwsJobFailed} carrying the job's {@code FailureReason}. A cancelled run stops the
 * job it waits on.
 *
 * <p>SageMaker never frees a job name in an account and region, whatever became of the job. So a
 * job found running or completed under the step's name is taken only if it is the step's (same role,
 * image, inputs and outputs); otherwise the step fails with a non-retryable {@code sluice.Conflict}.
 * A job an earlier run left failed or stopped makes the step run a new generation of it
 * ({@link JobGenerations}).
 */
public final class SageMakerJobs {
    /** Where the Data Wrangler container reads the flow. */
    static final String FLOW_PATH = "/opt/ml/processing/flow";
    /** Under which each output has its own directory, so each S3 output receives only its own files. */
    static final String OUTPUT_PATH = "/opt/ml/processing/output";
    /** SageMaker's limit on one container argument and on a local path, in characters. */
    static final int ARGUMENT_LIMIT = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SageMaker's limit on a job name. */
    static final int NAME_LIMIT = 63;

    private final AwsClients clients;

    public SageMakerJobs(AwsClients clients) {
        this.clients = clients;
    }

    /** @param flow the {@code .flow} file's JSON, for its Athena sources */
    public ProcessingResult process(ProcessingRequest request, JsonNode flow, String flowSha256) {
        // Refuses a bad Athena source before any call; the job's inputs are made under the name of the generation that runs.
        AthenaInputs.of(flow, request.jobName(), request.inputs().keySet(), request.spec().kmsKey());
        SageMakerClient sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        String image = RegionImages.dataWrangler(request.spec().image(), clients.settings().region());
        List<String> containerArguments = new ArrayList<>();
        for (String output : request.outputs()) {
            containerArguments.add("--output-config");
            containerArguments.add(json(Map.of(output, Map.of("content_type", "CSV"))));
        }
        requireWithinLimits(request.jobName(), containerArguments, request.outputs());
        Function<String, DescribeProcessingJobResponse> describe = name -> AwsCalls.call(
                operation(request.account(), "DescribeProcessingJob", "processing job " + name),
                () -> sageMaker.describeProcessingJob(d -> d.processingJobName(name)));
        var generations = new JobGenerations<>("processing job", NAME_LIMIT,
                name -> createUnlessExists(operation(request.account(), "CreateProcessingJob", "processing job " + name),
                        () -> sageMaker.createProcessingJob(processingJob(request, name, image, containerArguments,
                                AthenaInputs.of(flow, name, request.inputs().keySet(), request.spec().kmsKey())))),
                describe,
                job -> job.processingJobStatus() == ProcessingJobStatus.FAILED
                        || job.processingJobStatus() == ProcessingJobStatus.STOPPED);
        var chosen = generations.choose(request.jobName());
        String name = chosen.name();
        Map<String, String> outputs = outputUris(request, name);
        if (!chosen.created()) {
            requireSame("processing job " + name, request.account(), processingDifferences(chosen.found(), request, image, outputs));
        }
        DescribeProcessingJobResponse finished = JobWaiter.await("processing job", name, () -> describe.apply(name),
                DescribeProcessingJobResponse::processingJobStatusAsString,
                job -> job.processingJobStatus() != ProcessingJobStatus.IN_PROGRESS
                        && job.processingJobStatus() != ProcessingJobStatus.STOPPING,
                () -> AwsCalls.call(operation(request.account(), "StopProcessingJob", "processing job " + name),
                        () -> sageMaker.stopProcessingJob(stop -> stop.processingJobName(name))));
        if (finished.processingJobStatus() != ProcessingJobStatus.COMPLETED) {
            throw JobFailures.failed("processing job " + name, finished.processingJobStatusAsString(), finished.failureReason());
        }
        return new ProcessingResult(name, outputs, flowSha256, true);
    }

    /** Each output's S3 prefix: {@code <outputPrefix>/<job name>/<output>/}. */
    private static Map<String, String> outputUris(ProcessingRequest request, String jobName) {
        S3Uri jobRoot = S3Uri.parse(request.outputPrefix()).child(jobName);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String output : request.outputs()) {
            outputs.put(output, jobRoot.child(output) + "/");
        }
        return outputs;
    }

    private static CreateProcessingJobRequest processingJob(ProcessingRequest request, String name, String image,
            List<String> containerArguments, List<ProcessingInput> athenaInputs) {
        List<ProcessingOutput> processingOutputs = new ArrayList<>();
        outputUris(request, name).forEach((output, uri) -> processingOutputs.add(ProcessingOutput.builder().outputName(output)
                .s3Output(s3 -> s3.s3Uri(uri).localPath(outputPath(output)).s3UploadMode("EndOfJob")).build()));
        List<ProcessingInput> inputs = new ArrayList<>();
        inputs.add(ProcessingInput.builder().inputName("flow").s3Input(s3 -> s3.s3Uri(request.flowUri()).localPath(FLOW_PATH)
                .s3DataType("S3Prefix").s3InputMode("File").s3DataDistributionType("FullyReplicated")).build());
        new TreeMap<>(request.inputs()).forEach((input, uri) -> inputs.add(ProcessingInput.builder().inputName(input)
                .s3Input(s3 -> s3.s3Uri(uri).localPath("/opt/ml/processing/" + input).s3DataType("S3Prefix")
                        .s3InputMode("File").s3DataDistributionType("FullyReplicated")).build()));
        inputs.addAll(athenaInputs);
        return CreateProcessingJobRequest.builder()
                .processingJobName(name)
                .roleArn(request.roleArn())
                .appSpecification(app -> app.imageUri(image).containerArguments(containerArguments))
                .processingInputs(inputs)
                .processingOutputConfig(config -> {
                    config.outputs(processingOutputs);
                    if (!request.spec().kmsKey().isEmpty()) {
                        config.kmsKeyId(request.spec().kmsKey());
                    }
                })
                .processingResources(resources -> resources.clusterConfig(cluster -> {
                    cluster.instanceType(request.spec().instanceType()).instanceCount(request.spec().instanceCount())
                            .volumeSizeInGB(request.spec().volumeSizeGb());
                    if (!request.spec().kmsKey().isEmpty()) {
                        cluster.volumeKmsKeyId(request.spec().kmsKey());
                    }
                }))
                .stoppingCondition(stop -> stop.maxRuntimeInSeconds((int) request.spec().maxRuntime().toSeconds()))
                .tags(ModelPackages.tags(request.tags()))
                .build();
    }

    /** The container directory whose files SageMaker uploads to the output's S3 URI at the end of the job. */
    static String outputPath(String output) {
        return OUTPUT_PATH + "/" + output;
    }

    private static void requireWithinLimits(String jobName, List<String> containerArguments, List<String> outputs) {
        List<String> tooLong = new ArrayList<>();
        containerArguments.stream().filter(argument -> argument.length() > ARGUMENT_LIMIT)
                .forEach(argument -> tooLong.add("container argument " + argument));
        outputs.stream().map(SageMakerJobs::outputPath).filter(path -> path.length() > ARGUMENT_LIMIT)
                .forEach(path -> tooLong.add("local path " + path));
        if (!tooLong.isEmpty()) {
            throw FailureType.INVALID_INPUT.failure("processing job " + jobName + " cannot be created: "
                    + String.join("; ", tooLong) + " is longer than SageMaker's " + ARGUMENT_LIMIT
                    + " characters; shorten the flow output's name");
        }
    }

    public TrainingResult train(TrainingRequest request) {
        SageMakerClient sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        String image = RegionImages.xgboost(request.spec().image(), clients.settings().region());
        Function<String, DescribeTrainingJobResponse> describe = name -> AwsCalls.call(
                operation(request.account(), "DescribeTrainingJob", "training job " + name),
                () -> sageMaker.describeTrainingJob(d -> d.trainingJobName(name)));
        var generations = new JobGenerations<>("training job", NAME_LIMIT,
                name -> createUnlessExists(operation(request.account(), "CreateTrainingJob", "training job " + name),
                        () -> sageMaker.createTrainingJob(trainingJob(request, name, image))),
                describe,
                job -> job.trainingJobStatus() == TrainingJobStatus.FAILED
                        || job.trainingJobStatus() == TrainingJobStatus.STOPPED);
        var chosen = generations.choose(request.jobName());
        String name = chosen.name();
        if (!chosen.created()) {
            requireSame("training job " + name, request.account(), trainingDifferences(chosen.found(), request, image));
        }
        DescribeTrainingJobResponse finished = JobWaiter.await("training job", name, () -> describe.apply(name),
                DescribeTrainingJobResponse::trainingJobStatusAsString,
                job -> job.trainingJobStatus() != TrainingJobStatus.IN_PROGRESS
                        && job.trainingJobStatus() != TrainingJobStatus.STOPPING,
                () -> AwsCalls.call(operation(request.account(), "StopTrainingJob", "training job " + name),
                        () -> sageMaker.stopTrainingJob(stop -> stop.trainingJobName(name))));
        if (finished.trainingJobStatus() != TrainingJobStatus.COMPLETED) {
            throw JobFailures.failed("training job " + name, finished.trainingJobStatusAsString(), finished.failureReason());
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (MetricData metric : finished.finalMetricDataList()) {
            metrics.put(metric.metricName(), metric.value().doubleValue());
        }
        String modelData = finished.modelArtifacts() == null ? "" : finished.modelArtifacts().s3ModelArtifacts();
        return new TrainingResult(name, modelData, image, metrics);
    }

    private static CreateTrainingJobRequest trainingJob(TrainingRequest request, String name, String image) {
        return CreateTrainingJobRequest.builder()
                .trainingJobName(name)
                .roleArn(request.roleArn())
                .algorithmSpecification(algorithm -> algorithm.trainingImage(image).trainingInputMode("File"))
                .hyperParameters(request.spec().hyperparameters())
                .inputDataConfig(new TreeMap<>(request.channels()).entrySet().stream()
                        .map(channel -> Channel.builder()
                                .channelName(channel.getKey())
                                .contentType("text/csv")
                                .dataSource(source -> source.s3DataSource(s3 -> s3.s3Uri(channel.getValue())
                                        .s3DataType("S3Prefix").s3DataDistributionType("FullyReplicated")))
                                .build())
                        .toList())
                .outputDataConfig(output -> output.s3OutputPath(request.outputPath()))
                .resourceConfig(resources -> resources.instanceType(request.spec().instanceType())
                        .instanceCount(request.spec().instanceCount()).volumeSizeInGB(request.spec().volumeSizeGb()))
                .stoppingCondition(stop -> stop.maxRuntimeInSeconds((int) request.spec().maxRuntime().toSeconds()))
                .tags(ModelPackages.tags(request.tags()))
                .build();
    }

    /** Creates the job; false when a job already held its name. */
    private static boolean createUnlessExists(AwsOperation operation, Runnable create) {
        return AwsCalls.createUnlessExists(operation, () -> {
            create.run();
            return true;
        }, e -> e instanceof SageMakerException sageMaker && SageMakerErrors.alreadyExists(sageMaker)).isPresent();
    }

    private static List<String> trainingDifferences(DescribeTrainingJobResponse job, TrainingRequest request, String image) {
        List<String> differences = new ArrayList<>();
        compare(differences, "role", job.roleArn(), request.roleArn());
        compare(differences, "image", job.algorithmSpecification() == null ? null : job.algorithmSpecification().trainingImage(),
                image);
        compare(differences, "output path", job.outputDataConfig() == null ? null : job.outputDataConfig().s3OutputPath(),
                request.outputPath());
        Map<String, String> channels = new TreeMap<>();
        job.inputDataConfig().forEach(channel -> channels.put(channel.channelName(),
                channel.dataSource() == null || channel.dataSource().s3DataSource() == null
                        ? "" : channel.dataSource().s3DataSource().s3Uri()));
        compare(differences, "channels", channels.toString(), new TreeMap<>(request.channels()).toString());
        return differences;
    }

    private static List<String> processingDifferences(DescribeProcessingJobResponse job, ProcessingRequest request, String image,
            Map<String, String> outputs) {
        List<String> differences = new ArrayList<>();
        compare(differences, "role", job.roleArn(), request.roleArn());
        compare(differences, "image", job.appSpecification() == null ? null : job.appSpecification().imageUri(), image);
        Map<String, String> jobOutputs = new TreeMap<>();
        if (job.processingOutputConfig() != null) {
            job.processingOutputConfig().outputs().forEach(output -> jobOutputs.put(output.outputName(),
                    output.s3Output() == null ? "" : output.s3Output().s3Uri()));
        }
        compare(differences, "outputs", jobOutputs.toString(), new TreeMap<>(outputs).toString());
        return differences;
    }

    private static void compare(List<String> differences, String what, String found, String wanted) {
        if (!wanted.equals(found == null ? "" : found)) {
            differences.add(what + " " + found + " instead of " + wanted);
        }
    }

    /** A non-retryable {@code sluice.Conflict} unless the job found under the step's name is the step's. */
    private void requireSame(String what, String account, List<String> differences) {
        if (differences.isEmpty()) {
            return;
        }
        throw FailureType.CONFLICT.failure(what + " already exists in account " + clients.account(account).describe()
                + " and is not this step's: it has " + String.join(", ", differences) + ". SageMaker never frees a job name in an "
                + "account and region: start the run again with a new run key.");
    }

    private AwsOperation operation(String account, String action, String resource) {
        return new AwsOperation(clients.account(account), "sagemaker", action, resource);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
