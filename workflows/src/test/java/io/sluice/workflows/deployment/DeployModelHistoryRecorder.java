package io.sluice.workflows.deployment;

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

/** Records {@link DeployModelReplayTest}'s history: a deployment the governance officer approves. Argument: the output file. */
public final class DeployModelHistoryRecorder {
    private DeployModelHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        String workflowId = WorkflowIds.deploy("credit-risk");
        HistoryRecording.record(Path.of(args[0]), workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(DeployModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakeDeploymentActivities.Deployment(), new FakeDeploymentActivities.Tests(),
                    new FakeApprovalActivities(Map.of(Gates.PRODUCTION_APPROVAL, new GatePolicy(List.of("governance-officer@example.com"),
                            1, false, Duration.ofDays(2), Duration.ZERO)), environment::currentTimeMillis));
        }, (client, environment) -> {
            DeployModelWorkflow run = client.newWorkflowStub(DeployModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::deploy, new DeployRequest(FakeDeploymentActivities.PACKAGE, FakeDeploymentActivities.spec(),
                    "ml-engineer@example.com"));
            GateWaits.awaitOpen(environment, run);
            run.decide(Decision.approve("governance-officer@example.com", "report reviewed"));
            WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        });
    }
}
