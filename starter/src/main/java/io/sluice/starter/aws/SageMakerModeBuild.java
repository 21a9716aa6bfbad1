package io.sluice.starter.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.local.LocalApprovers;
import io.sluice.starter.local.LocalStack;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The sample build once more with its jobs on SageMaker, for the calls local job mode never makes
 * (creating the processing and training jobs, copying the training data without header rows, and
 * what the jobs do as their execution role). Its flow is the sample's with one more SOURCE node, an
 * Athena query of the data product, so the processing job also takes an Athena dataset input and
 * its role's query permissions are checked. The local stand-in's jobs write nothing, so the check
 * writes what the processing job would have written before the run starts, and the run cannot get
 * past training; it is stopped once it closes or after {@link #LIMIT}.
 */
final class SageMakerModeBuild {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String RUN_KEY = "aws-check-sagemaker";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SageMakerModeBuild() {}

    /** A part file of each output, with a header row, where the processing job of that name would write it. */
    private static void writeProcessingOutputs(LocalStack stack, BuildSpec spec, String processingJob) {
        Set<String> outputs = new TreeSet<>(spec.training().channels().values());
        outputs.addAll(spec.processing().outputs());
        S3Uri job = S3Uri.parse(spec.processing().outputPrefix()).child(processingJob);
        try (var s3 = stack.aws().s3(spec.account())) {
            for (String output : outputs) {
                S3Uri part = job.child(output).child("part-00000-c000.csv");
                s3.putObject(put -> put.bucket(part.bucket()).key(part.key()).contentType("text/csv"),
                        RequestBody.fromString("label,score\n1,0.9\n0,0.2\n"));
            }
        }
    }

    /** Uploads the sample flow with an Athena source added beside its own, and gives its URI. */
    private static String withAthenaSource(LocalStack stack, BuildSpec sample) {
        S3Uri flowFile = S3Uri.parse(sample.flow());
        String bucket = S3Uri.parse(sample.processing().outputPrefix()).bucket();
        try (var s3 = stack.aws().s3(sample.account())) {
            ObjectNode flow = (ObjectNode) JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(flowFile.bucket())
                    .key(flowFile.key())).asByteArray());
            ObjectNode node = ((ArrayNode) flow.path("nodes")).addObject();
            node.put("node_id", "aws-check-athena").put("type", "SOURCE").put("operator", "sagemaker.athena_source_0.1");
            node.putObject("parameters").putObject("dataset_definition").put("datasetSourceType", "Athena")
                    .put("name", "applications_query").put("catalogName", "AwsDataCatalog")
                    .put("databaseName", "credit_applications").put("queryString", "SELECT * FROM applications")
                    .put("s3OutputLocation", "s3://" + bucket + "/athena/").put("outputFormat", "parquet");
            node.putArray("inputs");
            node.putArray("outputs").addObject().put("name", "default");
            S3Uri variant = new S3Uri(flowFile.bucket(), flowFile.key().replaceFirst("\\.flow$", "") + "-athena.flow");
            s3.putObject(put -> put.bucket(variant.bucket()).key(variant.key()), RequestBody.fromBytes(JSON.writeValueAsBytes(flow)));
            return variant.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the sample flow " + sample.flow(), e);
        }
    }

    /** Runs it and says how far it got. */
    static String run(LocalStack stack, TemporalSession session) {
        BuildSpec sample = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
        var spec = new BuildSpec(sample.account(), sample.modelPackageGroup(), sample.description(),
                withAthenaSource(stack, sample), sample.inputs(),
                sample.processing(), sample.training(), sample.evaluation(), sample.executionRoleArn(), sample.tags(),
                sample.preStep(), new BuildSpec.Jobs(JobMode.sagemaker), false, sample.promotion());
        String workflowId = WorkflowIds.build(spec.modelPackageGroup(), RUN_KEY);
        writeProcessingOutputs(stack, spec, ResourceNames.job(workflowId, "proc"));
        new RunStarter(session.client(), session.taskQueue()).start(SluiceWorkflowType.BUILD_MODEL, workflowId, spec.modelPackageGroup(),
                "SageMaker-mode build of the AWS check", "", new BuildRequest(spec, RUN_KEY,
                        LocalApprovers.DATA_SCIENTIST.userName(), stack.startProof(LocalApprovers.DATA_SCIENTIST, workflowId), null));
        RunStatus status = new RunWaiter(new RunStatusReader(session.client())).awaitGateOrClose(workflowId, LIMIT, stage -> { });
        if (status.status().equals("RUNNING")) {
            session.client().newUntypedWorkflowStub(workflowId).terminate("the AWS check has the calls it needs");
        }
        return workflowId + " reached stage " + status.stage() + " (" + status.status()
                + (status.failure() == null ? "" : ": " + status.failure()) + ")";
    }
}
