package io.sluice.workflows.deployment;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records DeployModel's histories besides the deployed one: integration tests that fail in the
 * test account (the gate never opens), a governance officer's rejection, and a prod stack update
 * that rolls back. Argument: the histories folder.
 */
public final class DeployModelPathsRecorder {
    private DeployModelPathsRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        record(folder.resolve("deploy-model-tests-failed.json"), false, false, null);
        record(folder.resolve("deploy-model-rejected.json"), true, false,
                Decision.reject("governance-officer@example.com", "the bias report is missing"));
        record(folder.resolve("deploy-model-prod-rolled-back.json"), true, true,
                Decision.approve("governance-officer@example.com", "report reviewed"));
    }

    private static void record(Path output, boolean testsPass, boolean prodFails, Decision decision) throws Exception {
        String workflowId = WorkflowIds.deploy("credit-risk");
        HistoryRecording.record(output, workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(DeployModelWorkflowImpl.class);
            var deployment = new FakeDeploymentActivities.Deployment();
            deployment.prodFails = prodFails;
            var tests = new FakeDeploymentActivities.Tests();
            tests.pass = testsPass;
            worker.registerActivitiesImplementations(deployment, tests,
                    new FakeApprovalActivities(Map.of(Gates.PRODUCTION_APPROVAL, new GatePolicy(List.of("governance-officer@example.com"),
                            1, false, Duration.ofDays(2), Duration.ZERO)), environment::currentTimeMillis));
        }, (client, environment) -> {
            DeployModelWorkflow run = client.newWorkflowStub(DeployModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::deploy, new DeployRequest(FakeDeploymentActivities.PACKAGE, FakeDeploymentActivities.spec(),
                    "ml-engineer@example.com"));
            if (decision != null) {
                while (!run.approval().awaitsDecision()) {
                    Thread.onSpinWait();
                }
                run.decide(decision);
            }
            WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        });
    }
}
