package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobProgress;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.sandbox.proof.RequestShapeValidator;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.ModelJobActivities.ProcessingRequest;
import io.sluice.workflows.build.ModelJobActivities.TrainingRequest;
import io.sluice.workflows.build.ModelJobActivities;
import io.sluice.workflows.build.ProcessingSpec;
import io.sluice.workflows.build.TrainingSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ProcessingOutput;

/**
 * SageMaker as AWS runs it where moto differs: a job name is held forever in an account and region
 * (moto lets a second job take it), and a job can end Failed (moto's always complete).
 */
@ExtendWith(LocalAwsExtension.class)
class SageMakerJobsAwsBehaviourTest {
    /** A flow whose only sources are S3 files, as these tests' jobs read. */
    private static final com.fasterxml.jackson.databind.JsonNode NO_ATHENA_SOURCES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    private static final String JOB = "credit-risk-2026-11-22-train-1a2b3c4d";
    private static final String PROCESSING_JOB = "credit-risk-2026-11-22-proc-1a2b3c4d";
    private static final String ROLE = "arn:aws:iam::100000000003:role/SluiceSageMakerExecution";

    private AwsInterposer interposer;
    private AwsClients clients;
    private String bucket;

    @BeforeEach
    void start(LocalAws localAws) {
        interposer = AwsInterposer.start(localAws.awsEndpoint());
        clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()));
        bucket = localAws.account("dev").artifactBucket();
    }

    @AfterEach
    void stop() {
        clients.close();
        interposer.close();
    }

    @Test
    void train_whenAnEarlierRunLeftAFailedJobUnderTheName_runsTheNextGenerationAndLeavesTheFailedJobAlone() {
        var jobs = new SageMakerJobs(clients);
        jobs.train(request(ROLE));
        holdName();
        failEarlierJob();

        var retrained = jobs.train(request(ROLE));

        assertThat(retrained.jobName()).isEqualTo(JOB + "-g2");
        assertThat(retrained.modelDataUri()).contains("/" + JOB + "-g2/");
        var sageMaker = clients.client("dev", AwsServices.SAGEMAKER);
        assertThat(sageMaker.describeTrainingJob(describe -> describe.trainingJobName(JOB + "-g2")).roleArn()).isEqualTo(ROLE);
        assertThat(interposer.operations("sagemaker")).containsSubsequence("CreateTrainingJob", "DescribeTrainingJob",
                "CreateTrainingJob", "DescribeTrainingJob");
    }

    @Test
    void train_retriedAfterItsOwnJobFailed_reportsThatFailureInsteadOfStartingAnotherGeneration() {
        new SageMakerJobs(clients).train(request(ROLE));
        holdName();
        failEarlierJob();
        var environment = TestActivityEnvironment.newInstance();
        try {
            environment.registerActivitiesImplementations(new ModelJobActivitiesImpl(clients));
            environment.setHeartbeatDetails(new JobProgress("training job", JOB, "InProgress"));
            ModelJobActivities activities = environment.newActivityStub(ModelJobActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
            long createsBefore = interposer.operations("sagemaker").stream().filter("CreateTrainingJob"::equals).count();

            var failure = catchThrowableOfType(ActivityFailure.class, () -> activities.train(request(ROLE)));

            var cause = (ApplicationFailure) failure.getCause();
            assertThat(cause.getType()).isEqualTo("sluice.AwsJobFailed");
            assertThat(cause.isNonRetryable()).isTrue();
            assertThat(cause.getOriginalMessage())
                    .startsWith("training job " + JOB + " ended Failed: AlgorithmError: label column has 3 classes");
            assertThat(interposer.operations("sagemaker").stream().filter("CreateTrainingJob"::equals).count())
                    .isEqualTo(createsBefore);
        } finally {
            environment.close();
        }
    }

    @Test
    void train_whenTheRunIsCancelledWhileTheJobRuns_stopsTheJob() throws Exception {
        Rule running = interposer.when(request -> request.is("sagemaker", "DescribeTrainingJob") && request.bodyText().contains(quoted(JOB)))
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replace("\"TrainingJobStatus\": \"Completed\"", "\"TrainingJobStatus\": \"InProgress\"")
                        .replace("\"TrainingJobStatus\":\"Completed\"", "\"TrainingJobStatus\":\"InProgress\"")));
        Rule stop = interposer.when(request -> request.is("sagemaker", "StopTrainingJob") && request.bodyText().contains(quoted(JOB)))
                .answer(AwsReply.json("{}"));
        var environment = TestActivityEnvironment.newInstance();
        try {
            environment.registerActivitiesImplementations(new ModelJobActivitiesImpl(clients));
            ModelJobActivities activities = environment.newActivityStub(ModelJobActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(2)).build());
            var cancel = new Thread(() -> {
                try {
                    running.awaitHit(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                environment.requestCancelActivity();
            });
            cancel.start();

            var failure = catchThrowable(() -> activities.train(request(ROLE)));
            cancel.join();

            assertThat(failure).isNotNull();
            assertThat(stop.hits()).isEqualTo(1);
            assertThat(interposer.operations("sagemaker")).containsSubsequence("CreateTrainingJob", "DescribeTrainingJob",
                    "StopTrainingJob");
        } finally {
            environment.close();
        }
    }

    @Test
    void train_whenAnotherJobHoldsTheName_failsAsAConflictInsteadOfTakingThatJobsModel() {
        var jobs = new SageMakerJobs(clients);
        String otherRole = "arn:aws:iam::100000000003:role/SomeoneElsesRole";
        jobs.train(request(otherRole));
        holdName();

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> jobs.train(request(ROLE)));

        assertThat(failure.getType()).isEqualTo("sluice.Conflict");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .contains("training job " + JOB + " already exists in account dev (100000000003)")
                .contains("role " + otherRole + " instead of " + ROLE)
                .contains("start the run again with a new run key");
    }

    @Test
    void train_whileANewExecutionRoleCannotBeAssumedYet_failsRetryablyThenStartsTheJobOnTheRetry() {
        var jobs = new SageMakerJobs(clients);
        interposer.when(request -> request.is("sagemaker", "CreateTrainingJob")).times(1)
                .answer(AwsReply.jsonError(400, "ValidationException", "Message", "Could not assume role " + ROLE
                        + ". Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role."));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> jobs.train(request(ROLE)));
        var retried = jobs.train(request(ROLE));

        assertThat(failure.getType()).isEqualTo("sluice.AccessDeniedPropagating");
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).contains("Check that role " + ROLE
                + " exists and that its trust policy lets sagemaker.amazonaws.com assume it");
        assertThat(retried.jobName()).isEqualTo(JOB);
        assertThat(clients.client("dev", io.sluice.activities.aws.AwsServices.SAGEMAKER)
                .describeTrainingJob(describe -> describe.trainingJobName(JOB)).roleArn()).isEqualTo(ROLE);
    }

    @Test
    void process_whenAnotherJobHoldsTheName_failsAsAConflictInsteadOfTakingThatJobsOutputs() {
        var jobs = new SageMakerJobs(clients);
        jobs.process(processingRequest("s3://" + bucket + "/elsewhere"), NO_ATHENA_SOURCES, "0".repeat(64));
        interposer.when(request -> request.is("sagemaker", "CreateProcessingJob") && request.bodyText().contains(quoted(PROCESSING_JOB)))
                .answer(AwsReply.jsonError(400, "ResourceInUse", "Message", "Processing job names must be unique within an "
                        + "AWS account and region, and a processing job with this name already exists "
                        + "(arn:aws:sagemaker:us-east-1:100000000003:processing-job/" + PROCESSING_JOB + ")"));

        var failure = catchThrowableOfType(ApplicationFailure.class,
                () -> jobs.process(processingRequest("s3://" + bucket + "/build"), NO_ATHENA_SOURCES, "0".repeat(64)));

        assertThat(failure.getType()).isEqualTo("sluice.Conflict");
        assertThat(failure.getOriginalMessage())
                .contains("processing job " + PROCESSING_JOB + " already exists in account dev (100000000003)")
                .contains("outputs {split.train=s3://" + bucket + "/elsewhere/" + PROCESSING_JOB + "/split.train/} instead of")
                .contains("start the run again with a new run key");
    }

    @Test
    void process_givesEachOutputItsOwnDirectory_soEachS3OutputReceivesOnlyItsSplit() {
        var jobs = new SageMakerJobs(clients);
        String node = "3f1c6a2e-9b7d-4c1a-8e2f-5d6c7b8a9e0f";
        List<String> splits = List.of(node + ".test", node + ".train", node + ".validation", node + ".holdout");
        var spec = new ProcessingSpec(null, null, null, null, null, "s3://" + bucket + "/build", null, List.of());
        jobs.process(new ProcessingRequest("dev", JobMode.sagemaker, PROCESSING_JOB, "s3://" + bucket + "/flows/credit-risk.flow",
                Map.of("credit_risk.csv", "s3://" + bucket + "/data/credit_risk.csv"), splits, spec, ROLE, Map.of(),
                "s3://" + bucket + "/build"), NO_ATHENA_SOURCES, "0".repeat(64));
        var sageMaker = clients.client("dev", AwsServices.SAGEMAKER);
        var job = sageMaker.describeProcessingJob(describe -> describe.processingJobName(PROCESSING_JOB));

        Map<String, String> containerFiles = new TreeMap<>();
        for (var output : job.processingOutputConfig().outputs()) {
            containerFiles.put(output.s3Output().localPath() + "/part-" + output.outputName() + ".csv", output.outputName());
        }
        uploadAtEndOfJob(job.processingOutputConfig().outputs(), containerFiles);

        var s3 = clients.client("dev", AwsServices.S3);
        for (String split : splits) {
            String prefix = "build/" + PROCESSING_JOB + "/" + split + "/";
            assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix(prefix)).contents())
                    .singleElement().satisfies(object -> assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket)
                            .key(object.key())).asUtf8String()).isEqualTo(split));
        }
        List<String> arguments = job.appSpecification().containerArguments();
        assertThat(arguments).hasSize(2 * splits.size()).allSatisfy(argument -> assertThat(argument).hasSizeLessThanOrEqualTo(256));
        assertThat(arguments).filteredOn("--output-config"::equals).hasSize(splits.size());
        var asCreated = CreateProcessingJobRequest.builder().processingJobName(job.processingJobName()).roleArn(job.roleArn())
                .appSpecification(job.appSpecification()).processingInputs(job.processingInputs())
                .processingOutputConfig(job.processingOutputConfig()).build();
        assertThat(RequestShapeValidator.validate("SageMaker", "CreateProcessingJob", asCreated))
                .map(Object::toString).filteredOn(violation -> violation.contains(" AppSpecification")
                        || violation.contains(" ProcessingOutputConfig") || violation.contains(" ProcessingInputs")).isEmpty();
    }

    /** What SageMaker does with {@code EndOfJob} outputs: every file under an output's local path goes to its S3 URI. */
    private void uploadAtEndOfJob(List<ProcessingOutput> outputs, Map<String, String> containerFiles) {
        var s3 = clients.client("dev", AwsServices.S3);
        for (var output : outputs) {
            String directory = output.s3Output().localPath() + "/";
            var target = S3Uri.parse(output.s3Output().s3Uri());
            containerFiles.forEach((path, content) -> {
                if (path.startsWith(directory)) {
                    String key = target.key() + path.substring(directory.length());
                    s3.putObject(put -> put.bucket(target.bucket()).key(key), RequestBody.fromString(content));
                }
            });
        }
    }

    private ProcessingRequest processingRequest(String outputPrefix) {
        var spec = new ProcessingSpec(null, null, null, null, null, outputPrefix, null, List.of("split.test"));
        return new ProcessingRequest("dev", JobMode.sagemaker, PROCESSING_JOB, "s3://" + bucket + "/flows/credit-risk.flow",
                Map.of("credit_risk.csv", "s3://" + bucket + "/data/credit_risk.csv"), List.of("split.train"), spec, ROLE,
                Map.of(), outputPrefix);
    }

    /** Has the training job of the name answer as AWS keeps a failed one. */
    private void failEarlierJob() {
        interposer.when(request -> request.is("sagemaker", "DescribeTrainingJob") && request.bodyText().contains(quoted(JOB)))
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replace("\"TrainingJobStatus\": \"Completed\"", "\"TrainingJobStatus\": \"Failed\"")
                        .replace("\"TrainingJobStatus\":\"Completed\"", "\"TrainingJobStatus\":\"Failed\"")
                        .replaceFirst("\\{", "{\"FailureReason\": \"AlgorithmError: label column has 3 classes\", ")));
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    /** AWS's answer to a second CreateTrainingJob of the name; moto would replace the first job. */
    private void holdName() {
        interposer.when(request -> request.is("sagemaker", "CreateTrainingJob") && request.bodyText().contains(quoted(JOB)))
                .answer(AwsReply.jsonError(400, "ResourceInUse", "Message", "Training job names must be unique within an "
                        + "AWS account and region, and a training job with this name already exists "
                        + "(arn:aws:sagemaker:us-east-1:100000000003:training-job/" + JOB + ")"));
    }

    private TrainingRequest request(String role) {
        var spec = new TrainingSpec(null, Map.of("num_round", "60"), null, null, null, null,
                Map.of("train", "split.train", "validation", "split.validation"));
        return new TrainingRequest("dev", JobMode.sagemaker, JOB, Map.of(
                "train", "s3://" + bucket + "/build/proc/split.train/", "validation", "s3://" + bucket + "/build/proc/split.validation/"),
                spec, role, Map.of(), "s3://" + bucket + "/build");
    }
}
