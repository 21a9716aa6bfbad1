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
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.JobMode;
import java.time.Duration;

/**
 * The sample build once more with its jobs on SageMaker, for the calls local job mode never makes
 * (creating the processing and training jobs, and what they do as their execution role). The
 * local stand-in's jobs write nothing, so the run cannot get far; it is stopped once it closes
 * or after {@link #LIMIT}.
 */
final class SageMakerModeBuild {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String RUN_KEY = "aws-check-sagemaker";

    private SageMakerModeBuild() {}

    /** Runs it and says how far it got. */
    static String run(LocalStack stack, TemporalSession session) {
        BuildSpec sample = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
        var spec = new BuildSpec(sample.account(), sample.modelPackageGroup(), sample.description(), sample.flow(), sample.inputs(),
                sample.processing(), sample.training(), sample.evaluation(), sample.executionRoleArn(), sample.tags(),
                sample.preStep(), new BuildSpec.Jobs(JobMode.sagemaker), false, sample.promotion());
        String workflowId = WorkflowIds.build(spec.modelPackageGroup(), RUN_KEY);
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
