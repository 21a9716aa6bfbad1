package io.sluice.workflows;

import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.ContinuedRunResults;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildModelWorkflowImpl;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildResult;
import io.sluice.workflows.build.BuildSpecs;
import io.sluice.workflows.build.FakeBuildActivities;
import io.sluice.workflows.build.PreStepSpec;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeployModelWorkflowImpl;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.deployment.DeployResult;
import io.sluice.workflows.deployment.FakeDeploymentActivities;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.promotion.FakePromotionActivities;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromoteModelWorkflowImpl;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records, for each gated workflow, the runs of one that continued as new at its gate (a policy
 * whose history limit the run passes as the gate opens; one refused decision, then an approval):
 * {@code <workflow>-continued-at-gate-run-1.json} ends continued, {@code -run-2.json} resumes at the
 * gate and finishes. Argument: the histories folder.
 */
public final class ContinuedAtGateRecorder {
    private static final int SHORT_HISTORY = 30;

    private ContinuedAtGateRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String build = WorkflowIds.build("credit-risk", "recorded");
        HistoryRecording.recordEveryRun(folder, "build-model-continued-at-gate", build, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(BuildModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakeBuildActivities.Registry(), new FakeBuildActivities.Jobs(),
                    new FakeBuildActivities.StepFunctions(), approvals(Gates.MODEL_APPROVAL, "lead-ds@example.com", environment));
        }, (client, environment) -> {
            BuildModelWorkflow run = client.newWorkflowStub(BuildModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(build).build());
            WorkflowClient.start(run::build, new BuildRequest(BuildSpecs.creditRisk(PreStepSpec.NONE), "recorded",
                    "data-scientist@example.com"));
            refuseThenApproveAfterContinuing(environment, run, build, Decision.approve("data-scientist@example.com", "my own"),
                    Decision.approve("lead-ds@example.com", "AUC 0.91"), BuildResult.class);
        });

        String promote = WorkflowIds.promote(FakePromotionActivities.SOURCE);
        HistoryRecording.recordEveryRun(folder, "promote-model-continued-at-gate", promote, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(PromoteModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakePromotionActivities.Promotion(), new FakePromotionActivities.Copies(),
                    new FakePromotionActivities.Registry(), approvals(Gates.PROMOTION_APPROVAL, "ml-engineer@example.com", environment));
        }, (client, environment) -> {
            PromoteModelWorkflow run = client.newWorkflowStub(PromoteModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(promote).build());
            WorkflowClient.start(run::promote, new PromoteRequest(FakePromotionActivities.SOURCE,
                    new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null, null, null),
                    "data-scientist@example.com"));
            refuseThenApproveAfterContinuing(environment, run, promote, Decision.approve("mallory@example.com", "not an engineer"),
                    Decision.approve("ml-engineer@example.com", "verified"), PromoteResult.class);
        });

        String deploy = WorkflowIds.deploy("credit-risk");
        HistoryRecording.recordEveryRun(folder, "deploy-model-continued-at-gate", deploy, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(DeployModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakeDeploymentActivities.Deployment(), new FakeDeploymentActivities.Tests(),
                    approvals(Gates.PRODUCTION_APPROVAL, "governance-officer@example.com", environment));
        }, (client, environment) -> {
            DeployModelWorkflow run = client.newWorkflowStub(DeployModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(deploy).build());
            WorkflowClient.start(run::deploy, new DeployRequest(FakeDeploymentActivities.PACKAGE, FakeDeploymentActivities.spec(),
                    "ml-engineer@example.com"));
            refuseThenApproveAfterContinuing(environment, run, deploy, Decision.approve("mallory@example.com", "not an officer"),
                    Decision.approve("governance-officer@example.com", "report reviewed"), DeployResult.class);
        });
    }

    /**
     * Once the run has continued as new at its gate: one decision the gate refuses, then the approval,
     * then waits for the latest run's result.
     */
    private static void refuseThenApproveAfterContinuing(TestWorkflowEnvironment environment, Approvable run, String workflowId,
            Decision refused, Decision approval, Class<?> resultType) {
        ContinuedRunResults.awaitRuns(environment, workflowId, 2);
        GateWaits.awaitOpen(environment, run);
        run.approve(refused);
        GateWaits.awaitOpen(environment, run);
        run.decide(approval);
        ContinuedRunResults.latest(environment, workflowId, resultType);
    }

    private static FakeApprovalActivities approvals(String gate, String approver, TestWorkflowEnvironment environment) {
        return new FakeApprovalActivities(Map.of(gate, new GatePolicy(List.of(approver), 1, false, Duration.ofDays(2), Duration.ZERO,
                IdentityMode.DECLARED, SHORT_HISTORY)), environment::currentTimeMillis);
    }
}
