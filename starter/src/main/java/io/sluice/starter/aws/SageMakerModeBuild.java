package io.sluice.starter.aws;

import io.sluice.starter.TemporalSession;
import io.sluice.starter.build.SpecFiles;
import io.sluice.starter.local.LocalApprovers;
import io.sluice.starter.local.LocalStack;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.workflows.WorkflowIds;
import io.sluice.activities.aws.S3Location;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildNames;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.JobMode;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The sample build once more with its jobs on SageMaker, for the calls local job mode never makes
 * (creating the processing and training jobs, copying the training data without header rows, and
 * what the jobs do as their execution role). The local stand-in's jobs write nothing, so the check
 * writes what the processing job would have written before the run starts, and the run cannot get
 * past training; it is stopped once it closes or after {@link #LIMIT}.
 */
final class SageMakerModeBuild {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String RUN_KEY = "aws-check-sagemaker";

    private SageMakerModeBuild() {}

    /** A part file of each output, with a header row, where the processing job of that name would write it. */
    private static void writeProcessingOutputs(LocalStack stack, BuildSpec spec, String processingJob) {
        Set<String> outputs = new TreeSet<>(spec.training().channels().values());
        outputs.addAll(spec.processing().outputs());
        S3Location job = S3Location.parse(spec.processing().outputPrefix()).child(processingJob);
        try (var s3 = stack.aws().s3(spec.account())) {
            for (String output : outputs) {
                S3Location part = job.child(output).child("part-00000-c000.csv");
                s3.putObject(put -> put.bucket(part.bucket()).key(part.key()).contentType("text/csv"),
                        RequestBody.fromString("label,score\n1,0.9\n0,0.2\n"));
            }
        }
    }

    /** Runs it and says how far it got. */
    static String run(LocalStack stack, TemporalSession session) {
        BuildSpec sample = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
        var spec = new BuildSpec(sample.account(), sample.modelPackageGroup(), sample.description(), sample.flow(), sample.inputs(),
                sample.processing(), sample.training(), sample.evaluation(), sample.executionRoleArn(), sample.tags(),
                sample.preStep(), new BuildSpec.Jobs(JobMode.sagemaker), false, sample.promotion());
        String workflowId = WorkflowIds.build(spec.modelPackageGroup(), RUN_KEY);
        writeProcessingOutputs(stack, spec, BuildNames.job(workflowId, "proc"));
        new RunStarter(session.client(), session.taskQueue()).start(BuildModelWorkflow.TYPE, workflowId, spec.modelPackageGroup(),
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
