package io.sluice.workflows.build;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Records {@link BuildModelReplayTest}'s history: a build with a pre-step that the lead approves. Argument: the output file. */
public final class BuildModelHistoryRecorder {
    private BuildModelHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        String workflowId = WorkflowIds.build("credit-risk", "recorded");
        HistoryRecording.record(Path.of(args[0]), workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(BuildModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakeBuildActivities.Registry(), new FakeBuildActivities.Jobs(),
                    new FakeBuildActivities.StepFunctions(), new FakeApprovalActivities(Map.of(Gates.MODEL_APPROVAL,
                            new GatePolicy(List.of("lead-ds@example.com"), 1, false, Duration.ofDays(2), Duration.ofDays(1))),
                            environment::currentTimeMillis));
        }, (client, environment) -> {
            BuildModelWorkflow run = client.newWorkflowStub(BuildModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::build, new BuildRequest(BuildSpecs.creditRisk(new PreStepSpec(
                    "arn:aws:states:us-east-1:100000000003:stateMachine:refresh", "{}")), "recorded", "data-scientist@example.com"));
            GateWaits.awaitOpen(environment, run);
            run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
            WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        });
    }

}
