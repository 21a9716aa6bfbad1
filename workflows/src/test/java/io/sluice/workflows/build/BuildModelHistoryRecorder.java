package io.sluice.workflows.build;

import io.sluice.workflows.SearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records the history {@link BuildModelReplayTest} replays: a build with a pre-step that the lead
 * data scientist approves. Run it (main class, test classpath, argument: the output file) only
 * when a change is meant to change BuildModel's history, and keep the old file as a second case.
 */
public final class BuildModelHistoryRecorder {
    private BuildModelHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        try (var environment = TestWorkflowEnvironment.newInstance()) {
            SearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
            var worker = environment.newWorker("recorder");
            worker.registerWorkflowImplementationTypes(BuildModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakeBuildActivities.Registry(), new FakeBuildActivities.Jobs(),
                    new FakeBuildActivities.StepFunctions(), new FakeApprovalActivities(Map.of(Gates.MODEL_APPROVAL,
                            new GatePolicy(List.of("lead-ds@example.com"), 1, false, Duration.ofDays(2), Duration.ofDays(1))),
                            environment::currentTimeMillis));
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();
            String workflowId = WorkflowIds.build("credit-risk", "recorded");
            BuildModelWorkflow run = client.newWorkflowStub(BuildModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("recorder").setWorkflowId(workflowId).build());
            WorkflowClient.start(run::build, new BuildRequest(BuildSpecs.creditRisk(new PreStepSpec(
                    "arn:aws:states:us-east-1:100000000003:stateMachine:refresh", "{}")), "recorded", "data-scientist@example.com"));
            while (!run.approval().awaitsDecision()) {
                Thread.sleep(10);
            }
            run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
            WorkflowStub.fromTyped(run).getResult(BuildResult.class);
            Files.writeString(Path.of(args[0]), client.fetchHistory(workflowId).toJson(true));
        }
    }
}
