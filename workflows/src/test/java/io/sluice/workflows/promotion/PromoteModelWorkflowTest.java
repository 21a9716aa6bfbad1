package io.sluice.workflows.promotion;

import io.sluice.workflows.FollowOn;
import io.sluice.workflows.SluiceTestWorkflows;
import io.sluice.workflows.WebUiSummaries;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.ContinuedRunResults;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
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

class PromoteModelWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(PromoteModelWorkflowImpl.class, FakeDeployModel.class);
    static final String ENGINEER = "ml-engineer@example.com";

    private TestWorkflowEnvironment environment;
    private String queue;
    private final FakePromotionActivities.Promotion promotion = new FakePromotionActivities.Promotion();
    private final FakePromotionActivities.Copies copies = new FakePromotionActivities.Copies();
    private final FakePromotionActivities.Registry registry = new FakePromotionActivities.Registry();
    private FakeApprovalActivities approvals;

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        FakeDeployModel.REQUESTS.clear();
        approvals = new FakeApprovalActivities(
                Map.of(Gates.PROMOTION_APPROVAL, new GatePolicy(List.of(ENGINEER), 1, false, Duration.ofDays(3), Duration.ZERO)),
                environment::currentTimeMillis);
        worker.registerActivitiesImplementations(promotion, copies, registry, approvals);
        environment.start();
    }

    @Test
    void approvedSource_isCopiedRegisteredCentrallyAndPromotedOnTheEngineersApproval() {
        PromoteModelWorkflow run = startPromotion();
        GateWaits.awaitOpen(environment, run);

        assertThat(copies.copied).containsExactlyInAnyOrder(FakePromotionActivities.MODEL,
                "s3://sluice-dev-100000000003/stats.json", FakePromotionActivities.IMAGE);
        assertThat(copies.readers).as("every copy reads as the account the plan found in the package's ARN")
                .hasSize(3).containsOnly(FakePromotionActivities.ARN_ACCOUNT);
        assertThat(promotion.registered).singleElement().satisfies(central -> {
            assertThat(central.metadata()).containsEntry("sluice:sourceAccount", FakePromotionActivities.ARN_ACCOUNT);
            assertThat(central.targetAccount()).isEqualTo("shared");
            assertThat(central.containers()).singleElement().satisfies(container -> {
                assertThat(container.image()).as("the copied image by its digest, which a later push of the tag cannot change")
                        .isEqualTo("100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost@sha256:abc");
                assertThat(container.modelDataUrl()).isEqualTo("s3://sluice-shared-100000000004/models/credit-risk/v1/container-0-model.tar.gz");
            });
            assertThat(central.metricsUri()).endsWith("/credit-risk/v1/statistics.json");
            assertThat(central.metadata()).containsEntry("sluice:sourceModelPackageArn", FakePromotionActivities.SOURCE)
                    .containsEntry("sluice:buildWorkflowId", "build/credit-risk/1")
                    .doesNotContainKey("sluice:workflowId");
        });
        assertThat(run.approval().context()).containsEntry("image 100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0",
                "sha256:abc");
        run.decide(Decision.approve(ENGINEER, "artifacts verified"));

        PromoteResult result = WorkflowStub.fromTyped(run).getResult(PromoteResult.class);
        assertThat(result.outcome()).isEqualTo(PromotionOutcome.PROMOTED);
        assertThat(copies.records).as("the copies recorded once, in a manifest beside them").singleElement().satisfies(record -> {
            assertThat(record.manifestUri()).isEqualTo("s3://sluice-shared-100000000004/models/credit-risk/v1/sluice-copies.json");
            assertThat(record.objects()).extracting(copy -> copy.sourceUri())
                    .containsExactlyInAnyOrder(FakePromotionActivities.MODEL, "s3://sluice-dev-100000000003/stats.json");
            assertThat(record.images()).singleElement().satisfies(image -> assertThat(image.digest()).isEqualTo("sha256:abc"));
        });
        assertThat(result.copies().manifestUri()).endsWith("/credit-risk/v1/sluice-copies.json");
        assertThat(result.copies().objects()).isEqualTo(2);
        assertThat(result.artifacts()).as("the result names the manifest instead of listing each copy").isEmpty();
        assertThat(result.images()).singleElement().satisfies(image -> assertThat(image.digest()).isEqualTo("sha256:abc"));
        assertThat(registry.statusUpdates).singleElement().satisfies(update -> {
            assertThat(update.account()).isEqualTo("shared");
            assertThat(update.status()).isEqualTo("Approved");
        });
        assertThat(promotion.cards).hasSize(2);
        assertThat(promotion.cards.get(1).content().approvals())
                .containsExactly("model-approval: approved by lead-ds@example.com", "promotion-approval: approve by " + ENGINEER
                        + " at " + result.gate().decided().get(0).at());
        assertThat(promotion.cards.get(0).content().lineage()).containsEntry("sourceModelPackageArn", FakePromotionActivities.SOURCE)
                .containsEntry("trainingJob", "train");
        String workflowId = WorkflowStub.fromTyped(run).getExecution().getWorkflowId();
        assertThat(WebUiSummaries.missing(environment.getWorkflowClient(), workflowId)).isEmpty();
        assertThat(WebUiSummaries.all(environment.getWorkflowClient(), workflowId))
                .contains("Copy " + FakePromotionActivities.MODEL + " to s3://sluice-shared-100000000004/models/credit-risk/v1/container-0-model.tar.gz");
    }

    @Test
    @Timeout(60)
    void promotionWhoseHistoryFillsAtTheGate_continuesAsNew_andFinishesWithoutCopyingOrRegisteringAgain() {
        approvals.set(Gates.PROMOTION_APPROVAL, new GatePolicy(List.of(ENGINEER), 1, false, Duration.ofDays(3), Duration.ZERO,
                IdentityMode.DECLARED, 40));
        PromoteModelWorkflow run = startPromotion();
        String workflowId = WorkflowIds.promote(FakePromotionActivities.SOURCE);
        ContinuedRunResults.awaitRuns(environment, workflowId, 2);
        GateWaits.awaitOpen(environment, run);
        for (int i = 0; i < 12; i++) {
            run.approve(Decision.approve("mallory@example.com", "attempt " + i));
        }
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(ENGINEER, "artifacts verified"));

        PromoteResult result = ContinuedRunResults.latest(environment, workflowId, PromoteResult.class);
        assertThat(ContinuedRunResults.runs(environment, workflowId)).as("the run continued as new at its gate").hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.outcome()).isEqualTo(PromotionOutcome.PROMOTED);
        assertThat(result.gate().refused()).as("refusals sent to every run are counted").isEqualTo(12);
        assertThat(result.gate().requester()).isEqualTo("unverified:data-scientist@example.com");
        assertThat(copies.copied).as("copied once, in the first run").hasSize(3);
        assertThat(copies.records).hasSize(1);
        assertThat(promotion.registered).hasSize(1);
        assertThat(result.centralPackageArn()).isEqualTo("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1");
        assertThat(promotion.cards).as("the card written before the gate and once after it").hasSize(2);
        assertThat(promotion.cards.get(1).content().approvals()).last().asString().startsWith("promotion-approval: approve by " + ENGINEER);
        assertThat(registry.statusUpdates).singleElement().satisfies(update -> assertThat(update.status()).isEqualTo("Approved"));
        assertThat(result.copies().manifestUri()).endsWith("/credit-risk/v1/sluice-copies.json");
        assertThat(result.images()).singleElement().satisfies(image -> assertThat(image.digest()).isEqualTo("sha256:abc"));
        var attributes = environment.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
        assertThat(attributes.get(io.sluice.workflows.SluiceSearchAttributes.MODEL_PACKAGE_GROUP)).isEqualTo("credit-risk");
        assertThat(attributes.get(io.sluice.workflows.SluiceSearchAttributes.AWAITING_APPROVAL)).isFalse();
    }

    @Test
    void modelCard_isNamedAfterTheGroupAndVersion() {
        PromoteModelWorkflow run = startPromotion();
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(ENGINEER, ""));
        WorkflowStub.fromTyped(run).getResult(PromoteResult.class);

        assertThat(promotion.cards).extracting(card -> card.name()).containsExactly("credit-risk-v1", "credit-risk-v1");
    }

    @Test
    void modelCardOfALongGroup_isShortenedToSageMakersLimitKeepingTheVersion() {
        String group = "credit-risk-" + "a".repeat(51);
        PromoteModelWorkflow run = startPromotion(new PromotionSpec(null, null, group, "s3://sluice-shared-100000000004/models",
                null, null, null, null));
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(ENGINEER, ""));
        WorkflowStub.fromTyped(run).getResult(PromoteResult.class);

        assertThat(promotion.cards).hasSize(2).extracting(card -> card.name()).allSatisfy(name -> assertThat(name)
                .hasSizeLessThanOrEqualTo(63).startsWith("credit-risk-aaa").endsWith("-v1")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"));
        assertThat(promotion.cards.get(0).name()).isEqualTo(promotion.cards.get(1).name());
    }

    @Test
    void sourceNotApproved_failsWithoutCopyingAnything() {
        promotion.sourceStatus = "PendingManualApproval";
        PromoteModelWorkflow run = startPromotion();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(run).getResult(PromoteResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .hasMessageContaining("is PendingManualApproval; only an Approved package can be promoted");
        assertThat(copies.copied).isEmpty();
        assertThat(promotion.registered).isEmpty();
    }

    @Test
    void rejection_marksTheCentralPackageRejected() {
        PromoteModelWorkflow run = startPromotion();
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.reject(ENGINEER, "image not scanned"));

        assertThat(WorkflowStub.fromTyped(run).getResult(PromoteResult.class).outcome()).isEqualTo(PromotionOutcome.REJECTED);
        assertThat(registry.statusUpdates).singleElement().extracting(update -> update.status()).isEqualTo("Rejected");
    }

    @Test
    void deployOnApproval_startsDeployModelForTheCentralPackage() {
        var deployment = io.sluice.workflows.deployment.FakeDeployments.spec();
        PromoteModelWorkflow run = startPromotion(new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null,
                null, true, deployment));
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(ENGINEER, ""));

        PromoteResult result = WorkflowStub.fromTyped(run).getResult(PromoteResult.class);
        assertThat(result.deploymentWorkflowId()).isEqualTo(WorkflowIds.deploy("credit-risk"));
        assertThat(result.deployment()).isEqualTo(FollowOn.STARTED);
        environment.getWorkflowClient().newUntypedWorkflowStub(result.deploymentWorkflowId())
                .getResult(io.sluice.workflows.deployment.DeployResult.class);
        assertThat(FakeDeployModel.REQUESTS).singleElement().satisfies(request -> {
            assertThat(request.modelPackageArn()).isEqualTo(result.centralPackageArn());
            assertThat(request.spec()).isEqualTo(deployment);
        });
    }

    @Test
    void deployOnApproval_whileTheEndpointIsBusyWithAnotherDeployment_saysItWasNotStarted() {
        var deployment = io.sluice.workflows.deployment.FakeDeployments.spec();
        environment.getWorkflowClient().newUntypedWorkflowStub(io.sluice.workflows.deployment.DeployModelWorkflow.TYPE,
                        WorkflowOptions.newBuilder().setTaskQueue("nobody-polls").setWorkflowId(WorkflowIds.deploy("credit-risk")).build())
                .start(new io.sluice.workflows.deployment.DeployRequest("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/9",
                        deployment, "someone@example.com"));
        PromoteModelWorkflow run = startPromotion(new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null,
                null, true, deployment));
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(ENGINEER, ""));

        PromoteResult result = WorkflowStub.fromTyped(run).getResult(PromoteResult.class);
        assertThat(result.outcome()).isEqualTo(PromotionOutcome.PROMOTED);
        assertThat(result.deployment()).isEqualTo(FollowOn.BUSY);
        assertThat(result.deploymentWorkflowId()).isEqualTo(WorkflowIds.deploy("credit-risk"));
        environment.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.deploy("credit-risk")).terminate("test done");
    }

    @Test
    void aResultRecordedBeforeTheFollowOnField_readsItsBusyDeploymentFromTheOldSuffix() {
        var old = new PromoteResult(PromotionOutcome.PROMOTED, "s", "c", "g", "m", 1, List.of(), List.of(), null, null,
                "deploy/credit-risk (already running)", null);

        assertThat(old.deployment()).isEqualTo(FollowOn.BUSY);
        assertThat(old.deploymentWorkflowId()).isEqualTo("deploy/credit-risk");
    }

    @Test
    void sourcesTestSplitAndEvaluationBar_travelToTheCentralPackageAndTheGate() {
        String copy = "s3://sluice-shared-100000000004/models/100000000003/credit-risk/v1/test-split/";
        promotion.testSplit = copy;
        promotion.moreMetadata = Map.of("sluice:testSplit", "s3://sluice-dev-100000000003/jobs/proc/split.test/",
                "sluice:evaluation:metric", "validation:auc", "sluice:evaluation:comparison", "GreaterThanOrEqualTo",
                "sluice:evaluation:threshold", "0.7");
        PromoteModelWorkflow run = startPromotion();
        GateWaits.awaitOpen(environment, run);

        assertThat(promotion.registered).singleElement().extracting(central -> central.metadata().get("sluice:testSplit"))
                .as("the central package points at the promoted copy, not the dev account's split").isEqualTo(copy);
        assertThat(run.approval().context()).containsEntry("evaluation bar (the build's)", "validation:auc >= 0.7")
                .containsEntry("metric validation:auc", "0.7500").containsEntry("testSplit", copy);
    }

    @Test
    void aPlanRecordedBeforeItNamedATargetPrefix_writesNoManifest_andTheResultListsEachCopy() {
        promotion.withoutTargetPrefix = true;
        PromoteModelWorkflow run = startPromotion();
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(ENGINEER, "artifacts verified"));

        PromoteResult result = WorkflowStub.fromTyped(run).getResult(PromoteResult.class);

        assertThat(result.outcome()).isEqualTo(PromotionOutcome.PROMOTED);
        assertThat(copies.records).isEmpty();
        assertThat(result.copies()).isNull();
        assertThat(result.artifacts()).extracting(copy -> copy.sourceUri())
                .containsExactlyInAnyOrder(FakePromotionActivities.MODEL, "s3://sluice-dev-100000000003/stats.json");
    }

    private PromoteModelWorkflow startPromotion() {
        return startPromotion(new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null, null, null));
    }

    private PromoteModelWorkflow startPromotion(PromotionSpec spec) {
        PromoteModelWorkflow run = environment.getWorkflowClient().newWorkflowStub(PromoteModelWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(WorkflowIds.promote(FakePromotionActivities.SOURCE))
                        .build());
        WorkflowClient.start(run::promote, new PromoteRequest(FakePromotionActivities.SOURCE, spec, "data-scientist@example.com"));
        return run;
    }

}
