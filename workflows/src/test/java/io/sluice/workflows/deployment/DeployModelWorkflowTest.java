package io.sluice.workflows.deployment;

import io.sluice.workflows.CustomerMetadata;
import io.sluice.workflows.SluiceTestWorkflows;
import io.sluice.workflows.WebUiSummaries;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.ContinuedRunResults;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployModelWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(DeployModelWorkflowImpl.class);
    static final String OFFICER = "governance-officer@example.com";

    private TestWorkflowEnvironment environment;
    private String queue;
    private FakeApprovalActivities approvals;
    private final FakeDeploymentActivities.Deployment deployment = new FakeDeploymentActivities.Deployment();
    private final FakeDeploymentActivities.Tests tests = new FakeDeploymentActivities.Tests();

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        approvals = new FakeApprovalActivities(Map.of(Gates.PRODUCTION_APPROVAL,
                new GatePolicy(List.of(OFFICER), 1, false, Duration.ofDays(2), Duration.ZERO)), environment::currentTimeMillis);
        worker.registerActivitiesImplementations(deployment, tests, approvals);
        environment.start();
    }

    @Test
    void approval_deploysToProductionAndTagsThePackage() {
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);
        assertThat(run.approval().context()).containsEntry("auc", "0.7800 on 150 labelled rows of s3://b/test.csv; bar >= 0.7: met")
                .containsEntry("invocations", "151 of 151 succeeded");
        assertThat(deployment.applied).containsExactly("test:sluice-credit-risk-test");

        run.decide(Decision.approve(OFFICER, "report reviewed"));

        DeployResult result = WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.DEPLOYED);
        assertThat(deployment.applied).containsExactly("test:sluice-credit-risk-test", "prod:sluice-credit-risk-prod");
        assertThat(tests.endpoints).containsExactly("sluice-credit-risk-test-ep", "sluice-credit-risk-prod-ep");
        assertThat(List.of(result.testStack(), result.prodStack())).as("stacks as the result keeps them: what names the endpoint")
                .allSatisfy(stack -> {
                    assertThat(stack.outputs()).containsOnlyKeys("EndpointName");
                    assertThat(stack.changes()).isEmpty();
                    assertThat(stack.previousParameters()).isEmpty();
                });
        assertThat(deployment.tags).singleElement().satisfies(tag -> {
            assertThat(tag.packageArn()).isEqualTo(FakeDeploymentActivities.PACKAGE);
            assertThat(tag.tags()).containsEntry("sluice:approved-by:0", "unverified:" + OFFICER)
                    .containsKeys("sluice:deployed:test", "sluice:deployed:prod", "sluice:deployed-by")
                    .doesNotContainKeys("sluice:approved-by", "sluice:approved-by:1");
            assertThat(tag.replacing()).containsExactly("sluice:approved-by");
            assertThat(CustomerMetadata.problems(tag.tags())).isEmpty();
        });
        assertThat(WebUiSummaries.missing(environment.getWorkflowClient(),
                WorkflowStub.fromTyped(run).getExecution().getWorkflowId())).isEmpty();
    }

    @Test
    @Timeout(60)
    void deploymentWhoseHistoryFillsAtTheGate_continuesAsNew_andDeploysWithoutTestingAgain() {
        approvals.set(Gates.PRODUCTION_APPROVAL, new GatePolicy(List.of(OFFICER), 1, false, Duration.ofDays(2), Duration.ZERO,
                IdentityMode.DECLARED, 30));
        DeployModelWorkflow run = startDeployment();
        ContinuedRunResults.awaitRuns(environment, WorkflowIds.deploy("credit-risk"), 2);
        GateWaits.awaitOpen(environment, run);
        run.approve(Decision.approve("mallory@example.com", "not an officer"));
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(OFFICER, "report reviewed"));

        DeployResult result = ContinuedRunResults.latest(environment, WorkflowIds.deploy("credit-risk"), DeployResult.class);
        assertThat(ContinuedRunResults.runs(environment, WorkflowIds.deploy("credit-risk"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.DEPLOYED);
        assertThat(deployment.applied).as("the test stage ran once, in the first run")
                .containsExactly("test:sluice-credit-risk-test", "prod:sluice-credit-risk-prod");
        assertThat(tests.endpoints).containsExactly("sluice-credit-risk-test-ep", "sluice-credit-risk-prod-ep");
        assertThat(result.testStack().outputs()).containsEntry("EndpointName", "sluice-credit-risk-test-ep");
        assertThat(result.gate().refused()).isEqualTo(1);
        assertThat(deployment.tags).singleElement().satisfies(tag -> assertThat(tag.tags())
                .containsEntry("sluice:approved-by:0", "unverified:" + OFFICER));
    }

    @Test
    void rejection_leavesProductionUntouched() {
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.reject(OFFICER, "bias report missing"));

        DeployResult result = WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.REJECTED);
        assertThat(result.prodStack().status()).isEqualTo("NOT_APPLIED");
        assertThat(deployment.applied).containsExactly("test:sluice-credit-risk-test");
        assertThat(deployment.tags).isEmpty();
    }

    @Test
    void failedProductionUpdate_endsRolledBackWithTheReason() {
        deployment.prodFails = true;
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(OFFICER, ""));

        DeployResult result = WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.ROLLED_BACK);
        assertThat(result.reason()).contains("Endpoint", "capacity unavailable", "UPDATE_ROLLBACK_COMPLETE");
        assertThat(deployment.tags).isEmpty();
    }

    @Test
    void productionFailingItsSmokeTest_isRolledBackToThePreviousRelease_andThePackageIsNotTagged() {
        String previousPackage = "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/0";
        deployment.previousProd = Map.of("EndpointName", "credit-risk", "Stage", "prod", "Image", "old-image:0",
                "SourceModelPackage", previousPackage, "ReleaseName", "credit-risk-prod-v0-00aa11bb", "WorkflowId", "deploy/credit-risk");
        tests.prodAnswers = false;
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(OFFICER, ""));

        DeployResult result = WorkflowStub.fromTyped(run).getResult(DeployResult.class);
        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.ROLLED_BACK);
        assertThat(result.reason()).contains("answered no smoke-test request", "connection refused",
                "production rolled back to " + previousPackage);
        assertThat(deployment.applied).containsExactly("test:sluice-credit-risk-test", "prod:sluice-credit-risk-prod",
                "prod:sluice-credit-risk-prod");
        var rollback = deployment.requests.get(2).parameters();
        assertThat(rollback).containsEntry("Image", "old-image:0").containsEntry("SourceModelPackage", previousPackage);
        assertThat(rollback.get("ReleaseName")).startsWith("credit-risk-prod-v0-")
                .isNotEqualTo(deployment.requests.get(1).parameters().get("ReleaseName"));
        assertThat(deployment.tags).isEmpty();
    }

    @Test
    void productionFailingItsSmokeTest_withNoEarlierRelease_failsTheRunSayingWhatStillServes() {
        tests.prodAnswers = false;
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(OFFICER, ""));

        assertThatThrownBy(() -> WorkflowStub.fromTyped(run).getResult(DeployResult.class))
                .rootCause().hasMessageContaining("had no earlier release to roll back to")
                .hasMessageContaining("still serves " + FakeDeploymentActivities.PACKAGE);
        assertThat(deployment.applied).hasSize(2);
        assertThat(deployment.tags).isEmpty();
    }

    @Test
    void failingIntegrationTests_endTheRunWithoutAskingForApproval() {
        tests.pass = false;
        DeployModelWorkflow run = startDeployment();

        DeployResult result = WorkflowStub.fromTyped(run).getResult(DeployResult.class);

        assertThat(result.outcome()).isEqualTo(DeploymentOutcome.FAILED_TESTS);
        assertThat(result.reason()).isEqualTo("auc 0.5500 is below 0.7");
        assertThat(result.gate().state()).isEqualTo(GateState.NOT_OPENED);
        assertThat(approvals.reminders).isEmpty();
        assertThat(deployment.applied).containsExactly("test:sluice-credit-risk-test");
    }

    @Test
    void secondDeploymentToTheSameEndpoint_whileOneRuns_isRefused() {
        DeployModelWorkflow first = startDeployment();
        GateWaits.awaitOpen(environment, first);

        assertThatThrownBy(this::startDeployment).isInstanceOf(WorkflowExecutionAlreadyStarted.class)
                .hasMessageContaining(WorkflowIds.deploy("credit-risk"));
    }

    @Test
    void specWithoutATestSet_scoresThePackagesOwnTestSplitFromItsLineage_readAsTheSharedAccount() {
        deployment.testSplit = "s3://sluice-shared-100000000004/models/100000000003/credit-risk/v1/test-split/";
        DeployModelWorkflow run = startDeployment(FakeDeploymentActivities.spec(""));
        GateWaits.awaitOpen(environment, run);

        assertThat(tests.requests).singleElement().satisfies(request -> {
            assertThat(request.spec().testSetUri()).isEqualTo(deployment.testSplit);
            assertThat(request.spec().testSetAccount()).isEqualTo("shared");
            assertThat(request.spec().dataAccount()).isEqualTo("dev");
        });
        assertThat(run.approval().context().get("auc")).contains("of " + deployment.testSplit + "; bar >= 0.7: met");
    }

    @Test
    void specNamingItsOwnTestSet_keepsIt() {
        deployment.testSplit = "s3://sluice-shared-100000000004/models/test-split/";
        DeployModelWorkflow run = startDeployment();
        GateWaits.awaitOpen(environment, run);

        assertThat(tests.requests).singleElement().extracting(request -> request.spec().testSetUri()).isEqualTo("s3://b/test.csv");
    }

    private DeployModelWorkflow startDeployment() {
        return startDeployment(FakeDeploymentActivities.spec());
    }

    private DeployModelWorkflow startDeployment(DeploymentSpec spec) {
        DeployModelWorkflow run = environment.getWorkflowClient().newWorkflowStub(DeployModelWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(WorkflowIds.deploy("credit-risk"))
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL).build());
        WorkflowClient.start(run::deploy, new DeployRequest(FakeDeploymentActivities.PACKAGE, spec, "ml-engineer@example.com"));
        return run;
    }

}
