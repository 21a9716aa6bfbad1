package io.sluice.workflows.build;

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
import io.sluice.workflows.approval.Verdict;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BuildModelWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(BuildModelWorkflowImpl.class, FakePromoteModel.class);
    static final String LEAD = "lead-ds@example.com";
    static final String REQUESTER = "data-scientist@example.com";

    private TestWorkflowEnvironment environment;
    private String queue;
    private WorkflowClient client;
    private final FakeBuildActivities.Registry registry = new FakeBuildActivities.Registry();
    private final FakeBuildActivities.Jobs jobs = new FakeBuildActivities.Jobs();
    private final FakeBuildActivities.StepFunctions stepFunctions = new FakeBuildActivities.StepFunctions();
    private FakeApprovalActivities approvals;

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        FakePromoteModel.REQUESTS.clear();
        approvals = new FakeApprovalActivities(
                Map.of(Gates.MODEL_APPROVAL, new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(2), Duration.ZERO)),
                environment::currentTimeMillis);
        worker.registerActivitiesImplementations(registry, jobs, stepFunctions, approvals);
        environment.start();
        client = environment.getWorkflowClient();
    }

    @Test
    void happyPath_registersPendingThenApprovedOnTheLeadsApproval() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        assertThat(registry.registered).singleElement().satisfies(request -> {
            assertThat(request.group()).isEqualTo("credit-risk");
            assertThat(request.modelDataUri()).endsWith("/output/model.tar.gz");
            assertThat(request.metadata()).containsEntry("sluice:workflowId", WorkflowIds.build("credit-risk", "2026-11-22"))
                    .containsEntry("sluice:flowSha256", "abc123")
                    .containsEntry("sluice:input:0:name", "credit_risk.csv")
                    .containsEntry("sluice:input:0", "s3://sluice-dev-100000000003/data/credit_risk.csv");
        });
        assertThat(run.approval().context()).containsEntry("metric validation:auc", "0.9100");
        run.decide(Decision.approve(LEAD, "good"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.outcome()).isEqualTo(BuildOutcome.APPROVED);
        assertThat(result.modelPackageArn()).endsWith("model-package/credit-risk/1");
        assertThat(result.metrics()).containsEntry("validation:auc", 0.91);
        assertThat(result.processingOutputs()).containsKey("split.test");
        assertThat(registry.statusUpdates).singleElement().satisfies(update -> {
            assertThat(update.status()).isEqualTo("Approved");
            assertThat(update.description()).isEqualTo("approved by " + LEAD + ": good");
        });
        assertThat(jobs.started).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("credit-risk-2026-11-22-"));
        assertThat(stepFunctions.runs).isEmpty();
        assertThat(WebUiSummaries.missing(client, WorkflowIds.build("credit-risk", "2026-11-22"))).isEmpty();
        assertThat(WebUiSummaries.all(client, WorkflowIds.build("credit-risk", "2026-11-22")))
                .contains("Read who may decide at gate model-approval", "Deadline of gate model-approval");
    }

    @Test
    @Timeout(60)
    void buildWhoseHistoryFillsAtTheGate_continuesAsNew_andRecordsTheDecisionWithoutTrainingAgain() {
        approvals.set(Gates.MODEL_APPROVAL, new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(2), Duration.ZERO,
                IdentityMode.DECLARED, 30));
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        String workflowId = WorkflowIds.build("credit-risk", "2026-11-22");
        ContinuedRunResults.awaitRuns(environment, workflowId, 2);
        GateWaits.awaitOpen(environment, run);
        run.approve(Decision.approve(REQUESTER, "my own model"));
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(LEAD, "good"));

        BuildResult result = ContinuedRunResults.latest(environment, workflowId, BuildResult.class);
        assertThat(ContinuedRunResults.runs(environment, workflowId)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.outcome()).isEqualTo(BuildOutcome.APPROVED);
        assertThat(result.modelPackageArn()).endsWith("model-package/credit-risk/1");
        assertThat(result.metrics()).containsEntry("validation:auc", 0.91);
        assertThat(result.gate().refused()).as("the requester's own approval, refused in the continued run").isEqualTo(1);
        assertThat(result.gate().requester()).isEqualTo("unverified:" + REQUESTER);
        assertThat(jobs.started).as("processed and trained once, in the first run").hasSize(2);
        assertThat(registry.registered).hasSize(1);
        assertThat(registry.statusUpdates).singleElement().satisfies(update -> assertThat(update.status()).isEqualTo("Approved"));
    }

    @Test
    void outputsWithHeaderRows_trainingAndTheTestSplitReadCopiesWithoutThem() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        String processingJob = jobs.started.get(0);
        String copies = "s3://sluice-dev-100000000003/build/" + processingJob + "/headerless/";
        assertThat(jobs.trainingData).singleElement().satisfies(request -> {
            assertThat(request.outputs()).containsOnlyKeys("split.train", "split.validation", "split.test");
            assertThat(request.needingRows()).containsExactlyInAnyOrder("split.train", "split.validation");
            assertThat(request.targetPrefix()).isEqualTo("s3://sluice-dev-100000000003/build/" + processingJob + "/headerless");
        });
        assertThat(jobs.trainings).singleElement().satisfies(request -> assertThat(request.channels())
                .containsEntry("train", copies + "split.train/").containsEntry("validation", copies + "split.validation/"));
        assertThat(registry.registered).singleElement().satisfies(request -> assertThat(request.metadata())
                .containsEntry("sluice:testSplit", copies + "split.test/"));
        run.decide(Decision.approve(LEAD, "good"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.processingOutputs().get("split.train"))
                .isEqualTo("s3://sluice-dev-100000000003/build/" + processingJob + "/split.train");
    }

    @Test
    void outputsWithoutHeaderRows_areReadWhereTheJobWroteThem() {
        jobs.headerRow = false;
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        String outputs = "s3://sluice-dev-100000000003/build/" + jobs.started.get(0) + "/";
        assertThat(jobs.trainingData).isEmpty();
        assertThat(jobs.trainings).singleElement().satisfies(request -> assertThat(request.channels())
                .containsEntry("train", outputs + "split.train"));
        assertThat(registry.registered).singleElement().satisfies(request -> assertThat(request.metadata())
                .containsEntry("sluice:testSplit", outputs + "split.test/"));
    }

    @Test
    void jobsRunUnderANewGeneration_theirNamesAreWhatThePackageAndTheResultRecord() {
        jobs.generation = "-g2";
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        String trainingJob = jobs.started.get(1) + "-g2";
        assertThat(registry.registered).singleElement().satisfies(request -> {
            assertThat(request.metadata()).containsEntry("sluice:trainingJob", trainingJob);
            assertThat(request.modelDataUri()).contains("/" + trainingJob + "/");
            assertThat(request.metricsUri()).contains("/" + trainingJob + "/evaluation/");
        });
        assertThat(run.approval().context()).containsEntry("trainingJob", trainingJob);
        run.decide(Decision.approve(LEAD, "good"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.processingJob()).isEqualTo(jobs.started.get(0) + "-g2");
        assertThat(result.trainingJob()).isEqualTo(trainingJob);
        assertThat(result.processingOutputs().get("split.train")).contains("/" + jobs.started.get(0) + "-g2/");
    }

    @Test
    void evaluationBelowTheBar_endsRejectedByEvaluationAndRegistersNothing() {
        jobs.auc = 0.61;
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);

        assertThat(result.outcome()).isEqualTo(BuildOutcome.REJECTED_BY_EVALUATION);
        assertThat(result.evaluation()).isEqualTo("validation:auc = 0.6100, required validation:auc >= 0.75");
        assertThat(result.modelPackageArn()).isEmpty();
        assertThat(registry.registered).isEmpty();
        assertThat(result.gate().state()).isEqualTo(GateState.NOT_OPENED);
    }

    @Test
    void refusedDecisions_areCountedInTheResult_whileTheRunsQueryKeepsTheirAudit() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);
        for (int i = 0; i < 20; i++) {
            run.approve(Decision.approve("intruder-" + i + "@example.com", "let me in"));
        }
        run.decide(Decision.approve(LEAD, "good"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.gate().decided()).singleElement().satisfies(decision -> {
            assertThat(decision.by()).isEqualTo("unverified:" + LEAD);
            assertThat(decision.verdict()).isEqualTo(Verdict.APPROVE);
        });
        assertThat(result.gate().refused()).isEqualTo(20);
        assertThat(result.gate().approvedBy()).containsExactly("unverified:" + LEAD);
        assertThat(run.approval().decisions()).hasSize(21).filteredOn(decision -> !decision.accepted()).hasSize(20);
    }

    @Test
    void rejectionByTheLead_marksThePackageRejected() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.reject(LEAD, "recall too low on new customers"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.outcome()).isEqualTo(BuildOutcome.REJECTED);
        assertThat(registry.statusUpdates).singleElement().satisfies(update -> {
            assertThat(update.status()).isEqualTo("Rejected");
            assertThat(update.description()).contains("recall too low on new customers");
        });
    }

    @Test
    void noDecisionBeforeTheDeadline_expires_andLeavesThePackagePendingRatherThanRejected() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);

        assertThat(result.outcome()).isEqualTo(BuildOutcome.EXPIRED);
        assertThat(result.modelPackageArn()).endsWith("model-package/credit-risk/1");
        assertThat(registry.registered).hasSize(1);
        assertThat(registry.statusUpdates).isEmpty();
    }

    @Test
    void failedTrainingJob_failsTheRunWithTheJobsReason() {
        jobs.trainingFailure = "AlgorithmError: label column has 3 classes";
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);

        assertThatThrownBy(() -> WorkflowStub.fromTyped(run).getResult(BuildResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("AlgorithmError: label column has 3 classes");
        assertThat(registry.registered).isEmpty();
    }

    @Test
    void preStep_runsTheStateMachineFirstWithADeterministicExecutionName() {
        BuildModelWorkflow run = startBuild(new PreStepSpec(
                "arn:aws:states:us-east-1:100000000003:stateMachine:refresh", "{\"date\":\"2026-11-22\"}"));
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.approve(LEAD, ""));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(stepFunctions.runs).singleElement().satisfies(execution -> {
            assertThat(execution.executionName()).startsWith("credit-risk-2026-11-22-pre-");
            assertThat(execution.input()).isEqualTo("{\"date\":\"2026-11-22\"}");
        });
        assertThat(result.preStepExecutionArn()).contains(":execution:refresh:credit-risk-2026-11-22-pre-");
    }

    @Test
    void promoteOnApproval_startsPromoteModelForTheApprovedPackage() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE, true);
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(LEAD, "ship it"));

        BuildResult result = WorkflowStub.fromTyped(run).getResult(BuildResult.class);
        assertThat(result.promotionWorkflowId()).isEqualTo(WorkflowIds.promote(result.modelPackageArn()));
        client.newUntypedWorkflowStub(result.promotionWorkflowId()).getResult(io.sluice.workflows.promotion.PromoteResult.class);
        assertThat(FakePromoteModel.REQUESTS).singleElement().satisfies(request -> {
            assertThat(request.sourceModelPackageArn()).isEqualTo(result.modelPackageArn());
            assertThat(request.spec().artifactPrefix()).isEqualTo("s3://sluice-shared-100000000004/models");
            assertThat(request.requester()).isEqualTo(REQUESTER);
        });
    }

    @Test
    void withoutPromoteOnApproval_noPromotionStarts() {
        BuildModelWorkflow run = startBuild(PreStepSpec.NONE);
        GateWaits.awaitOpen(environment, run);

        run.decide(Decision.approve(LEAD, ""));

        assertThat(WorkflowStub.fromTyped(run).getResult(BuildResult.class).promotionWorkflowId()).isEmpty();
        assertThat(FakePromoteModel.REQUESTS).isEmpty();
    }

    @Test
    void catalogAndS3Inputs_areRecordedAsMetadataSageMakerAccepts() {
        BuildModelWorkflow run = startBuild(BuildSpecs.creditRisk(PreStepSpec.NONE, false, Map.of(
                "credit_risk.csv", "glue://credit_applications/applications?account=producer",
                "bureau.csv", "s3://sluice-dev-100000000003/data/bureau.csv",
                "regions.csv", "glue://reference/regions")));
        GateWaits.awaitOpen(environment, run);

        assertThat(registry.registered).singleElement().satisfies(request -> {
            assertThat(request.metadata())
                    .containsEntry("sluice:input:0:name", "bureau.csv")
                    .containsEntry("sluice:input:0", "s3://sluice-dev-100000000003/data/bureau.csv")
                    .doesNotContainKey("sluice:input:0:account")
                    .containsEntry("sluice:input:1:name", "credit_risk.csv")
                    .containsEntry("sluice:input:1", "credit_applications.applications")
                    .containsEntry("sluice:input:1:account", "producer")
                    .containsEntry("sluice:input:2:name", "regions.csv")
                    .containsEntry("sluice:input:2", "reference.regions")
                    .containsEntry("sluice:input:2:account", "dev");
            assertThat(CustomerMetadata.problems(request.metadata())).isEmpty();
        });
    }

    @Test
    void inputSageMakerWouldRefuseInMetadata_failsTheRunBeforeRegisteringNamingTheEntry() {
        BuildModelWorkflow run = startBuild(BuildSpecs.creditRisk(PreStepSpec.NONE, false, Map.of(
                "credit_risk.csv", "s3://sluice-dev-100000000003/data/credit_risk(1).csv")));

        assertThatThrownBy(() -> WorkflowStub.fromTyped(run).getResult(BuildResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .hasMessageContaining("customer metadata value of 'sluice:input:0'")
                .hasMessageContaining("credit_risk(1).csv");
        assertThat(registry.registered).isEmpty();
    }

    @Test
    void aSpecThatFailsItsChecks_failsTheRunInItsFirstStep_namingTheField_beforeAnyActivity() {
        var valid = BuildSpecs.creditRisk(PreStepSpec.NONE);
        var invalid = new BuildSpec(valid.account(), valid.modelPackageGroup(), valid.description(), valid.flow(), valid.inputs(),
                new ProcessingSpec(null, "m5.large", null, null, null, "s3://sluice-dev-100000000003/build", null, List.of()),
                valid.training(), valid.evaluation(), valid.executionRoleArn(), valid.tags(), valid.preStep(), valid.jobs(), false,
                null);

        BuildModelWorkflow run = startBuild(invalid);
        var failure = catchThrowableOfType(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(run).getResult(BuildResult.class));

        assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, cause -> {
            assertThat(cause.getType()).isEqualTo("sluice.InvalidInput");
            assertThat(cause.isNonRetryable()).isTrue();
            assertThat(cause.getOriginalMessage()).isEqualTo("invalid input: processing.instanceType 'm5.large' is not a SageMaker"
                    + " instance type; expected e.g. ml.m5.xlarge");
        });
        assertThat(registry.registered).isEmpty();
        assertThat(jobs.started).isEmpty();
        assertThat(environment.getWorkflowClient().fetchHistory(WorkflowIds.build("credit-risk", "2026-11-22")).getEvents())
                .noneMatch(event -> event.hasActivityTaskScheduledEventAttributes());
    }

    private BuildModelWorkflow startBuild(PreStepSpec preStep) {
        return startBuild(preStep, false);
    }

    private BuildModelWorkflow startBuild(PreStepSpec preStep, boolean promoteOnApproval) {
        return startBuild(BuildSpecs.creditRisk(preStep, promoteOnApproval));
    }

    private BuildModelWorkflow startBuild(BuildSpec spec) {
        BuildModelWorkflow run = client.newWorkflowStub(BuildModelWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(queue)
                .setWorkflowId(WorkflowIds.build("credit-risk", "2026-11-22"))
                .build());
        WorkflowClient.start(run::build, new BuildRequest(spec, "2026-11-22", REQUESTER));
        return run;
    }

}
