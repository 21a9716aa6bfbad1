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

/**
 * Records DeployModel's histories besides the deployed one: integration tests that fail in the
 * test account (the gate never opens), a governance officer's rejection, and a prod stack update
 * that rolls back, and a production endpoint that fails its smoke test and is rolled back to the
 * previous release. Argument: the histories folder.
 */
public final class DeployModelPathsRecorder {
    private DeployModelPathsRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        record(folder.resolve("deploy-model-tests-failed.json"), false, false, false, null);
        record(folder.resolve("deploy-model-rejected.json"), true, false, false,
                Decision.reject("governance-officer@example.com", "the bias report is missing"));
        record(folder.resolve("deploy-model-prod-rolled-back.json"), true, true, false,
                Decision.approve("governance-officer@example.com", "report reviewed"));
        record(folder.resolve("deploy-model-smoke-test-rolled-back.json"), true, false, true,
                Decision.approve("governance-officer@example.com", "report reviewed"));
    }

    /** Records one path; a history already recorded is kept, as it is what older code wrote. */
    private static void record(Path output, boolean testsPass, boolean prodFails, boolean smokeFails, Decision decision)
            throws Exception {
        if (java.nio.file.Files.exists(output)) {
            return;
        }
        String workflowId = WorkflowIds.deploy("credit-risk");
        HistoryRecording.record(output, workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(DeployModelWorkflowImpl.class);
            var deployment = new FakeDeploymentActivities.Deployment();
            deployment.prodFails = prodFails;
            var tests = new FakeDeploymentActivities.Tests();
            tests.pass = testsPass;
            if (smokeFails) {
                tests.prodAnswers = false;
                deployment.previousProd = Map.of("EndpointName", "credit-risk", "Stage", "prod", "Image", "old-image:0",
                        "SourceModelPackage", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/0",
                        "ReleaseName", "credit-risk-prod-v0-00aa11bb", "WorkflowId", "deploy/credit-risk");
            }
            worker.registerActivitiesImplementations(deployment, tests,
                    new FakeApprovalActivities(Map.of(Gates.PRODUCTION_APPROVAL, new GatePolicy(List.of("governance-officer@example.com"),
                            1, false, Duration.ofDays(2), Duration.ZERO)), environment::currentTimeMillis));
        }, (client, environment) -> {
            DeployModelWorkflow run = client.newWorkflowStub(DeployModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::deploy, new DeployRequest(FakeDeploymentActivities.PACKAGE, FakeDeploymentActivities.spec(),
                    "ml-engineer@example.com"));
            if (decision != null) {
                GateWaits.awaitOpen(environment, run);
                run.decide(decision);
            }
            WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        });
    }
}
