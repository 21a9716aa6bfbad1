package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.activities.build.flow.TestFlows;
import io.sluice.activities.build.local.LabeledData;
import io.sluice.activities.build.local.Metrics;
import io.sluice.activities.build.local.ModelArchive;
import io.sluice.activities.build.local.XgboostTrainer;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.Samples;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.ModelJobActivities;
import io.sluice.workflows.build.ProcessingSpec;
import io.sluice.workflows.build.TrainingSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class ModelJobActivitiesImplTest {
    static final String SPLIT = Samples.SPLIT_NODE;
    static final String ROLE = "arn:aws:iam::100000000003:role/SluiceSageMakerExecution";

    private TestActivityEnvironment environment;
    private AwsClients clients;

    @AfterEach
    void close() {
        if (environment != null) {
            environment.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void localProcessingAndTraining_produceAModelThatScoresTheTestSplitWell(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);

        var processed = jobs.process(processingRequest(bucket, JobMode.local, "credit-risk-proc-1"));
        var data = jobs.trainingData(new ModelJobActivities.TrainingDataRequest("dev", processed.outputs(),
                "s3://" + bucket + "/build/credit-risk-proc-1/headerless", Set.of(SPLIT + ".train", SPLIT + ".validation"), ""));
        var trained = jobs.train(trainingRequest(bucket, JobMode.local, "credit-risk-train-1", data.outputs()));

        assertThat(processed.outputs()).containsOnlyKeys(SPLIT + ".train", SPLIT + ".validation", SPLIT + ".test");
        assertThat(processed.flowSha256()).hasSize(64);
        assertThat(processed.headerRow()).isTrue();
        String written = new String(read(localAws, processed.outputs().get(SPLIT + ".test") + "part-00000.csv"), StandardCharsets.UTF_8);
        String header = written.substring(0, written.indexOf('\n') + 1);
        assertThat(header).as("a header row of column names").matches("[A-Za-z_][^\\n]*\\n");
        String copied = new String(read(localAws, data.outputs().get(SPLIT + ".test") + "part-00000.csv"), StandardCharsets.UTF_8);
        assertThat(header + copied).isEqualTo(written);
        assertThat(data.partFiles()).isEqualTo(3);
        assertThat(trained.metrics().get("validation:auc")).isGreaterThan(0.7);
        assertThat(trained.modelDataUri()).isEqualTo("s3://" + bucket + "/build/credit-risk-train-1/output/model.tar.gz");
        assertThat(trained.image()).isEqualTo("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1");
        byte[] archive = read(localAws, trained.modelDataUri());
        byte[] model = ModelArchive.unpack(archive).get(ModelArchive.XGBOOST_MODEL);
        LabeledData test = LabeledData.parse(copied);
        assertThat(test.rows()).isEqualTo(150);
        double testAuc = Metrics.auc(test.labels(), XgboostTrainer.score(model, test));
        assertThat(testAuc).isGreaterThan(0.7);
    }

    @Test
    void localJobs_runTwice_doTheWorkOnce(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);
        var processed = jobs.process(processingRequest(bucket, JobMode.local, "proc-twice"));
        var trained = jobs.train(trainingRequest(bucket, JobMode.local, "train-twice", headerless(jobs, bucket, processed)));
        byte[] firstModel = read(localAws, trained.modelDataUri());
        String version = headVersion(localAws, trained.modelDataUri());

        var processedAgain = jobs.process(processingRequest(bucket, JobMode.local, "proc-twice"));
        var trainedAgain = jobs.train(trainingRequest(bucket, JobMode.local, "train-twice", headerless(jobs, bucket, processedAgain)));

        assertThat(processedAgain).isEqualTo(processed);
        assertThat(trainedAgain).isEqualTo(trained);
        assertThat(read(localAws, trained.modelDataUri())).isEqualTo(firstModel);
        assertThat(headVersion(localAws, trained.modelDataUri())).isEqualTo(version);
    }

    @Test
    void localProcessing_ofAnUnsupportedNode_failsWithoutRetryNamingIt(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);
        String flow = Samples.creditRiskFlow("s3://" + bucket + "/data/credit_risk.csv")
                .replace("sagemaker.spark.split_0.1", "sagemaker.spark.dimensionality_reduction_0.1");
        put(localAws, "s3://" + bucket + "/flows/credit-risk.flow", flow);

        assertThatThrownBy(() -> jobs.process(processingRequest(bucket, JobMode.local, "proc-bad")))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(failure -> {
                    assertThat(((ApplicationFailure) failure).getType()).isEqualTo("sluice.AwsJobFailed");
                    assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue();
                })
                .hasMessageContaining("node " + SPLIT + " (sagemaker.spark.dimensionality_reduction_0.1): operator is not supported in local mode");
    }

    @Test
    void sageMakerJobs_startedTwice_areOneJobEach(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);

        var processed = jobs.process(processingRequest(bucket, JobMode.sagemaker, "credit-risk-proc-sm"));
        jobs.process(processingRequest(bucket, JobMode.sagemaker, "credit-risk-proc-sm"));
        var trained = jobs.train(trainingRequest(bucket, JobMode.sagemaker, "credit-risk-train-sm", processed.outputs()));
        jobs.train(trainingRequest(bucket, JobMode.sagemaker, "credit-risk-train-sm", processed.outputs()));

        var sageMaker = clients.client("dev", AwsServices.SAGEMAKER);
        assertThat(sageMaker.listProcessingJobs(list -> { }).processingJobSummaries())
                .extracting(summary -> summary.processingJobName()).containsExactly("credit-risk-proc-sm");
        assertThat(sageMaker.listTrainingJobs(list -> { }).trainingJobSummaries())
                .extracting(summary -> summary.trainingJobName()).containsExactly("credit-risk-train-sm");
        var described = sageMaker.describeProcessingJob(d -> d.processingJobName("credit-risk-proc-sm"));
        assertThat(described.appSpecification().imageUri())
                .isEqualTo("663277389841.dkr.ecr.us-east-1.amazonaws.com/sagemaker-data-wrangler-container:1.x");
        assertThat(described.processingInputs()).extracting(input -> input.inputName()).containsExactly("flow", "credit_risk.csv");
        assertThat(processed.outputs().get(SPLIT + ".train"))
                .isEqualTo("s3://" + bucket + "/build/credit-risk-proc-sm/" + SPLIT + ".train/");
        assertThat(trained.modelDataUri()).endsWith("credit-risk-train-sm/output/model.tar.gz");
    }

    @Test
    void sageMakerProcessing_ofAFlowWithAnAthenaSource_givesTheJobAnAthenaDatasetInput(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);
        put(localAws, "s3://" + bucket + "/flows/credit-risk.flow", withAthenaSource(
                Samples.creditRiskFlow("s3://" + bucket + "/data/credit_risk.csv"), "s3://" + bucket + "/athena", "parquet"));

        jobs.process(processingRequest(bucket, JobMode.sagemaker, "credit-risk-proc-athena"));

        var described = clients.client("dev", AwsServices.SAGEMAKER)
                .describeProcessingJob(d -> d.processingJobName("credit-risk-proc-athena"));
        assertThat(described.processingInputs()).filteredOn(input -> input.inputName().equals("applications_query"))
                .singleElement().satisfies(input -> {
                    assertThat(input.datasetDefinition().localPath()).isEqualTo("/opt/ml/processing/applications_query");
                    var athena = input.datasetDefinition().athenaDatasetDefinition();
                    assertThat(athena.catalog()).isEqualTo("AwsDataCatalog");
                    assertThat(athena.database()).isEqualTo("credit_applications");
                    assertThat(athena.queryString()).isEqualTo("SELECT * FROM applications");
                    assertThat(athena.outputFormatAsString()).isEqualTo("PARQUET");
                    assertThat(athena.outputS3Uri())
                            .isEqualTo("s3://" + bucket + "/athena/credit-risk-proc-athena/applications_query/");
                });
    }

    @Test
    void sageMakerProcessing_ofAnAthenaSourceWithAFormatAthenaCannotWrite_failsNamingItBeforeAnyJob(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);
        put(localAws, "s3://" + bucket + "/flows/credit-risk.flow", withAthenaSource(
                Samples.creditRiskFlow("s3://" + bucket + "/data/credit_risk.csv"), "athena-results", "xlsx"));

        assertThatThrownBy(() -> jobs.process(processingRequest(bucket, JobMode.sagemaker, "credit-risk-proc-bad-athena")))
                .isInstanceOf(ActivityFailure.class).cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(failure -> assertThat(((ApplicationFailure) failure).getType()).isEqualTo("sluice.InvalidInput"))
                .hasMessageContaining("node athena-src (Athena source applications_query): dataset_definition.s3OutputLocation "
                        + "'athena-results' is not an S3 URI")
                .hasMessageContaining("dataset_definition.outputFormat 'xlsx' is not one Athena writes for SageMaker");
        assertThat(clients.client("dev", AwsServices.SAGEMAKER).listProcessingJobs(list -> { }).processingJobSummaries()).isEmpty();
    }

    @Test
    void localProcessing_ofAnAthenaSource_readsTheResultTheSpecGives_andWithoutOneFailsNamingTheInput(LocalAws localAws) {
        ModelJobActivities jobs = activities(localAws);
        String bucket = seed(localAws);
        put(localAws, "s3://" + bucket + "/flows/credit-risk.flow", athenaInsteadOfS3(
                Samples.creditRiskFlow("s3://" + bucket + "/data/credit_risk.csv")));
        put(localAws, "s3://" + bucket + "/athena/result/_SUCCESS", "");
        put(localAws, "s3://" + bucket + "/athena/result/q-1.csv", Samples.creditRiskCsv());
        put(localAws, "s3://" + bucket + "/athena/result/q-1.csv.metadata", "not a result");
        var given = processingRequest(bucket, JobMode.local, "credit-risk-proc-athena-local");
        var withResult = new ModelJobActivities.ProcessingRequest(given.account(), given.mode(), given.jobName(), given.flowUri(),
                Map.of(Samples.DATASET, "s3://" + bucket + "/athena/result/"), given.outputs(), given.spec(), given.roleArn(),
                given.tags(), given.outputPrefix());
        var withoutResult = new ModelJobActivities.ProcessingRequest(given.account(), given.mode(), "credit-risk-proc-athena-none",
                given.flowUri(), Map.of(), given.outputs(), given.spec(), given.roleArn(), given.tags(), given.outputPrefix());

        var processed = jobs.process(withResult);

        assertThat(processed.outputs()).containsKey(SPLIT + ".train");
        assertThatThrownBy(() -> jobs.process(withoutResult)).isInstanceOf(ActivityFailure.class)
                .hasMessageContaining("no inputs." + Samples.DATASET + " for SOURCE dataset " + Samples.DATASET
                        + "; local mode does not run its Athena query");
    }

    /** {@code flow} whose S3 source reads the same dataset by an Athena query instead. */
    private static String athenaInsteadOfS3(String flow) {
        ObjectNode json = json(flow);
        ArrayNode nodes = (ArrayNode) json.path("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).path("type").asText().equals("SOURCE")) {
                nodes.set(i, json(TestFlows.athenaSource(nodes.get(i).path("node_id").asText(), Samples.DATASET,
                        "s3://results/athena/", "parquet")));
            }
        }
        return json.toString();
    }

    /** {@code flow} with an Athena SOURCE node beside its own source. */
    private static String withAthenaSource(String flow, String outputLocation, String format) {
        ObjectNode json = json(flow);
        ((ArrayNode) json.path("nodes")).add(json(TestFlows.athenaSource("athena-src", "applications_query", outputLocation, format)));
        return json.toString();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ModelJobActivities activities(LocalAws localAws) {
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new ModelJobActivitiesImpl(clients));
        return environment.newActivityStub(ModelJobActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private static String seed(LocalAws localAws) {
        String bucket = localAws.account("dev").artifactBucket();
        put(localAws, "s3://" + bucket + "/data/credit_risk.csv", Samples.creditRiskCsv());
        put(localAws, "s3://" + bucket + "/flows/credit-risk.flow", Samples.creditRiskFlow("s3://" + bucket + "/data/credit_risk.csv"));
        return bucket;
    }

    private static ModelJobActivities.ProcessingRequest processingRequest(String bucket, JobMode mode, String job) {
        var spec = new ProcessingSpec(null, null, null, null, null, "s3://" + bucket + "/build", null, List.of(SPLIT + ".test"));
        return new ModelJobActivities.ProcessingRequest("dev", mode, job, "s3://" + bucket + "/flows/credit-risk.flow",
                Map.of(Samples.DATASET, "s3://" + bucket + "/data/credit_risk.csv"),
                List.of(SPLIT + ".test", SPLIT + ".train", SPLIT + ".validation"), spec, ROLE, Map.of("team", "risk"),
                spec.outputPrefix());
    }

    private static Map<String, String> headerless(ModelJobActivities jobs, String bucket, ModelJobActivities.ProcessingResult processed) {
        return jobs.trainingData(new ModelJobActivities.TrainingDataRequest("dev", processed.outputs(), "s3://" + bucket + "/build/"
                + processed.jobName() + "/headerless", Set.of(), "")).outputs();
    }

    private static ModelJobActivities.TrainingRequest trainingRequest(String bucket, JobMode mode, String job,
            Map<String, String> outputs) {
        var spec = new TrainingSpec(null, Map.of("num_round", "60", "max_depth", "3", "eta", "0.2"), null, null, null, null,
                Map.of("train", SPLIT + ".train", "validation", SPLIT + ".validation"));
        return new ModelJobActivities.TrainingRequest("dev", mode, job, Map.of(
                "train", outputs.get(SPLIT + ".train"), "validation", outputs.get(SPLIT + ".validation")),
                spec, ROLE, Map.of(), "s3://" + bucket + "/build");
    }

    private static void put(LocalAws localAws, String uri, String text) {
        var location = S3Uri.parse(uri);
        try (var s3 = localAws.s3("dev")) {
            s3.putObject(p -> p.bucket(location.bucket()).key(location.key()),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(text));
        }
    }

    private static byte[] read(LocalAws localAws, String uri) {
        var location = S3Uri.parse(uri);
        try (var s3 = localAws.s3("dev")) {
            return s3.getObjectAsBytes(g -> g.bucket(location.bucket()).key(location.key())).asByteArray();
        }
    }

    private static String headVersion(LocalAws localAws, String uri) {
        var location = S3Uri.parse(uri);
        try (var s3 = localAws.s3("dev")) {
            return s3.headObject(h -> h.bucket(location.bucket()).key(location.key())).lastModified().toString();
        }
    }
}
