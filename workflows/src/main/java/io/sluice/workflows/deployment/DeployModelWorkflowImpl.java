package io.sluice.workflows.deployment;

import io.sluice.workflows.ActivitySteps;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.InputChecks;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.ContinuedRuns;
import io.sluice.workflows.approval.GateContinuation;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.approval.Requester;
import io.sluice.workflows.approval.Requesters;
import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import io.sluice.workflows.deployment.IntegrationTestActivities.TestReport;
import io.sluice.workflows.registry.PackageStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The DeployModel orchestration; every AWS call is an activity. */
public final class DeployModelWorkflowImpl extends GatedWorkflow implements DeployModelWorkflow {
    /** Where the package serves in test: {@code <account>/<endpoint>@<time>}. */
    public static final String DEPLOYED_TEST = "sluice:deployed:test";
    /** Where the package serves in production: {@code <account>/<endpoint>@<time>}. */
    public static final String DEPLOYED_PROD = "sluice:deployed:prod";
    /**
     * One key per approver of production, {@code sluice:approved-by:<n>} from 0, in the order they
     * approved: the ARN STS verified, or {@code unverified:<declared name>}.
     */
    public static final String APPROVED_BY = "sluice:approved-by";
    /** The DeployModel run that deployed it. */
    public static final String DEPLOYED_BY = "sluice:deployed-by";
    /** Change id: a production endpoint that fails its smoke test is rolled back to the previous release. */
    static final String ROLLBACK_AFTER_SMOKE_TEST = "prod-rollback-after-smoke-test";

    private final DeploymentActivities deployment = ActivitySteps.activities(DeploymentActivities.class,
            ActivitySteps.waiting(Duration.ofHours(2)));
    /** The group policy is one quick call: a few attempts, then the run fails naming why. */
    private final DeploymentActivities grants = ActivitySteps.activities(DeploymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(ActivitySteps.RETRIES.toBuilder().setMaximumAttempts(3).build())
                    .build());
    private final IntegrationTestActivities tests = ActivitySteps.activities(IntegrationTestActivities.class,
            ActivitySteps.waiting(Duration.ofMinutes(30)));

    @Override
    public DeployResult deploy(DeployRequest request) {
        DeploymentSpec spec = request.spec();
        String workflowId = Workflow.getInfo().getWorkflowId();
        DeployAtGate resumed = ContinuedRuns.atGate(request.atGate(), "atGate");
        if (resumed != null) {
            Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(resumed.modelPackage().group()));
            ApprovalState decided = gate.resume(resumed.gate(), continuation(request, resumed.modelPackage(), resumed.testStack(),
                    resumed.report()));
            return afterGate(request, resumed.modelPackage(), resumed.testStack(), resumed.report(), decided);
        }
        InputChecks.checkOnce(request);
        Requester requester = Requesters.establish(request.requester(), request.requesterProof(), request.requesterPrincipal());
        ActivitySteps.enter("package", "Checking " + request.modelPackageArn());
        var modelPackage = deployment.describePackage(new DeploymentActivities.PackageRequest(spec.sharedAccount(),
                request.modelPackageArn()));
        if (!PackageStatus.APPROVED.is(modelPackage.approvalStatus())) {
            throw FailureType.INVALID_INPUT.failure("model package " + request.modelPackageArn() + " is "
                    + modelPackage.approvalStatus() + "; only an Approved shared package can be deployed (approve its promotion first)");
        }
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(modelPackage.group()));
        String grant = grantStageAccounts(spec, modelPackage.group());

        ActivitySteps.enter("test-stack", "Applying stack `" + spec.stackName("test") + "` in " + spec.test().account());
        StackOutcome testStack = deployment.applyStack(stackRequest(spec, "test", spec.test(), modelPackage, workflowId));
        if (!testStack.succeeded()) {
            throw FailureType.AWS_JOB_FAILED.failure("test stack " + testStack.stackName() + " ended " + testStack.status()
                    + ": " + testStack.failedResource() + ": " + testStack.reason());
        }

        ActivitySteps.enter("integration-tests", "Integration tests against `" + endpoint(testStack, spec) + "`");
        TestReport report = tests.run(new IntegrationTestActivities.TestRequest(spec.test().account(), endpoint(testStack, spec),
                modelPackage.modelDataUrl(), spec.sharedAccount(),
                spec.integrationTests().withLineageTestSplit(modelPackage.testSplit(), spec.sharedAccount())));
        if (!report.passed()) {
            if (spec.removeTestStackOnFailure()) {
                deployment.deleteStack(stackRequest(spec, "test", spec.test(), modelPackage, workflowId));
            }
            Workflow.setCurrentDetails("Integration tests failed: " + String.join("; ", report.failures()));
            return result(DeploymentOutcome.FAILED_TESTS, request, testStack, report, StackOutcome.notApplied(spec.stackName("prod")),
                    TestReport.notRun(), String.join("; ", report.failures()));
        }

        ApprovalState decided = gate.open(Gates.PRODUCTION_APPROVAL, requester, context(request, testStack, report, grant),
                continuation(request, modelPackage, testStack.forResult(), report));
        return afterGate(request, modelPackage, testStack, report, decided);
    }

    /** How the run continues as new at its gate: the next run resumes there with what the test stage found. */
    private static GateContinuation continuation(DeployRequest request, DeploymentActivities.DeployablePackage modelPackage,
            StackOutcome testStack, TestReport report) {
        return carried -> request.continuedAt(new DeployAtGate(modelPackage, testStack, report, carried));
    }

    /** Production, once the gate closed: applied and smoke-tested when approved, untouched otherwise. */
    private DeployResult afterGate(DeployRequest request, DeploymentActivities.DeployablePackage modelPackage, StackOutcome testStack,
            TestReport report, ApprovalState decided) {
        DeploymentSpec spec = request.spec();
        String workflowId = Workflow.getInfo().getWorkflowId();
        if (decided.state() != io.sluice.workflows.approval.GateState.APPROVED) {
            DeploymentOutcome outcome = decided.state() == io.sluice.workflows.approval.GateState.REJECTED
                    ? DeploymentOutcome.REJECTED : DeploymentOutcome.EXPIRED;
            Workflow.setCurrentDetails("Production untouched: **" + outcome + "**.");
            return result(outcome, request, testStack, report, StackOutcome.notApplied(spec.stackName("prod")), TestReport.notRun(),
                    "gate " + decided.name() + " closed " + decided.state());
        }

        ActivitySteps.enter("prod-stack", "Applying stack `" + spec.stackName("prod") + "` in " + spec.prod().account());
        StackOutcome prodStack = deployment.applyStack(stackRequest(spec, "prod", spec.prod(), modelPackage, workflowId));
        if (!prodStack.succeeded()) {
            String reason = prodStack.failedResource() + ": " + prodStack.reason() + " (stack " + prodStack.status() + ")";
            Workflow.setCurrentDetails("Production update failed and was rolled back: " + reason);
            return result(DeploymentOutcome.ROLLED_BACK, request, testStack, report, prodStack, TestReport.notRun(), reason);
        }

        ActivitySteps.enter("smoke-test", "Smoke test against `" + endpoint(prodStack, spec) + "`");
        TestReport smoke = tests.run(new IntegrationTestActivities.TestRequest(spec.prod().account(), endpoint(prodStack, spec),
                modelPackage.modelDataUrl(), spec.sharedAccount(),
                spec.integrationTests().withLineageTestSplit(modelPackage.testSplit(), spec.sharedAccount())));
        if (smoke.successes() == 0) {
            String failed = "production endpoint " + endpoint(prodStack, spec) + " answered no smoke-test request: "
                    + String.join("; ", smoke.failures());
            if (Workflow.getVersion(ROLLBACK_AFTER_SMOKE_TEST, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                throw FailureType.AWS_JOB_FAILED.failure(failed);
            }
            return rollBackProduction(request, spec, testStack, report, prodStack, smoke, failed, workflowId);
        }

        ActivitySteps.enter("record", "Tagging " + request.modelPackageArn() + " with the deployment");
        String now = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
        Map<String, String> record = new LinkedHashMap<>();
        record.put(DEPLOYED_TEST, spec.test().account() + "/" + endpoint(testStack, spec) + "@" + now);
        record.put(DEPLOYED_PROD, spec.prod().account() + "/" + endpoint(prodStack, spec) + "@" + now);
        var approvals = decided.acceptedApprovals();
        for (int index = 0; index < approvals.size(); index++) {
            var approval = approvals.get(index);
            record.put(APPROVED_BY + ":" + index, approval.approverRecord());
        }
        record.put(DEPLOYED_BY, workflowId);
        deployment.tagPackage(new DeploymentActivities.TagRequest(spec.sharedAccount(), request.modelPackageArn(), record,
                List.of(APPROVED_BY)));
        String approvers = String.join(", ", decided.approvedBy());
        Workflow.setCurrentDetails("Serving in production at `" + endpoint(prodStack, spec) + "`, approved by " + approvers + ".");
        Workflow.await(Workflow::isEveryHandlerFinished);
        return result(DeploymentOutcome.DEPLOYED, request, testStack, report, prodStack, smoke, "");
    }

    /**
     * Production answered nothing after the update: the stack is applied again with the parameters
     * it had before (the previous release, under a name of its own, as CloudFormation needs to
     * replace the broken model). With no earlier release there is nothing to go back to, and
     * a person must decide; so too when the rollback itself fails.
     */
    private DeployResult rollBackProduction(DeployRequest request, DeploymentSpec spec, StackOutcome testStack, TestReport report,
            StackOutcome prodStack, TestReport smoke, String failed, String workflowId) {
        Map<String, String> previous = new LinkedHashMap<>(prodStack.previousParameters());
        String previousPackage = previous.getOrDefault("SourceModelPackage", "");
        if (previousPackage.isEmpty()) {
            throw FailureType.AWS_JOB_FAILED.failure(failed + ". Stack " + prodStack.stackName()
                    + " had no earlier release to roll back to: it still serves " + request.modelPackageArn()
                    + "; delete the stack or deploy a working package.");
        }
        ActivitySteps.enter("prod-rollback", "Rolling `" + prodStack.stackName() + "` back to " + previousPackage);
        previous.remove("ReleaseName");
        previous.put("ReleaseName", releaseName(spec.endpointName(), "prod", previousPackage, previous));
        // A cancel that arrives now must not cancel the rollback: stopping it would leave the failed release serving.
        List<StackOutcome> applied = new ArrayList<>();
        Workflow.newDetachedCancellationScope(() -> applied.add(deployment.applyStack(new DeploymentActivities.StackRequest(
                spec.prod().account(), prodStack.stackName(), workflowId, previous, stackTags(spec, "prod"))))).run();
        StackOutcome restored = applied.get(0);
        if (!restored.succeeded()) {
            throw FailureType.AWS_JOB_FAILED.failure(failed + ". Rolling stack " + prodStack.stackName() + " back to "
                    + previousPackage + " failed too (" + restored.status() + ": " + restored.failedResource() + ": "
                    + restored.reason() + "): production needs a person.");
        }
        String reason = failed + "; production rolled back to " + previousPackage;
        Workflow.setCurrentDetails("Smoke test failed; production is back on " + previousPackage + ".");
        return result(DeploymentOutcome.ROLLED_BACK, request, testStack, report, restored, smoke, reason);
    }

    /** A failed grant fails the run: without it the stage accounts cannot create a model from the shared package. */
    private String grantStageAccounts(DeploymentSpec spec, String group) {
        var granted = grants.grantAccess(new DeploymentActivities.GrantRequest(spec.sharedAccount(), group,
                List.of(spec.test().account(), spec.prod().account())));
        return "stage accounts " + spec.test().account() + " and " + spec.prod().account() + " may create models from group "
                + granted.group() + (granted.changed() ? " (policy updated)" : " (policy already said so)");
    }

    private static DeploymentActivities.StackRequest stackRequest(DeploymentSpec spec, String stage, StageSpec stageSpec,
            DeploymentActivities.DeployablePackage modelPackage, String workflowId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EndpointName", spec.endpointName());
        parameters.put("Stage", stage);
        if (spec.modelSource().equals("package")) {
            parameters.put("ModelPackageArn", modelPackage.packageArn());
        } else {
            parameters.put("Image", modelPackage.image());
            parameters.put("ModelDataUrl", modelPackage.modelDataUrl());
        }
        parameters.put("ExecutionRoleArn", stageSpec.executionRoleArn());
        parameters.put("InstanceType", stageSpec.instanceType());
        parameters.put("InstanceCount", Integer.toString(stageSpec.instanceCount()));
        parameters.put("KmsKeyId", stageSpec.kmsKey());
        parameters.put("DataCaptureDestination", stageSpec.dataCaptureDestination());
        parameters.put("SourceModelPackage", modelPackage.packageArn());
        parameters.put("WorkflowId", workflowId);
        parameters.put("ReleaseName", releaseName(spec.endpointName(), stage, modelPackage.packageArn(), parameters));
        return new DeploymentActivities.StackRequest(stageSpec.account(), spec.stackName(stage), workflowId, parameters,
                stackTags(spec, stage));
    }

    /** The tags of a stage's stack and of what it creates. */
    private static Map<String, String> stackTags(DeploymentSpec spec, String stage) {
        return Map.of("sluice:stage", stage, "sluice:endpoint", spec.endpointName());
    }

    /**
     * The name of the stage's model and endpoint configuration: {@code <endpoint>-<stage>-v<version>-<digest>},
     * where the digest covers every other parameter, so that any change to what they are made of names
     * new ones (CloudFormation replaces them and will not reuse a custom name to do so) and an
     * unchanged deployment names the same ones. At most 63 characters, as SageMaker allows.
     */
    static String releaseName(String endpointName, String stage, String packageArn, Map<String, String> parameters) {
        String version = packageArn.substring(packageArn.lastIndexOf('/') + 1);
        String digest = ResourceNames.clientToken(new TreeMap<>(parameters).toString(), "release").substring(0, 8);
        return ResourceNames.withSuffix(endpointName + "-" + stage, "-v" + version + "-" + digest, 63);
    }

    private static Map<String, String> context(DeployRequest request, StackOutcome testStack, TestReport report, String grant) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("modelPackageArn", request.modelPackageArn());
        context.put("testStack", testStack.stackName() + " " + testStack.status());
        context.put("testEndpoint", testStack.outputs().getOrDefault("EndpointName", ""));
        context.put("invocations", report.successes() + " of " + report.invocations() + " succeeded");
        context.put("latency", String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", report.p50LatencyMs(), report.p95LatencyMs()));
        if (report.labelledRows() > 0) {
            boolean met = report.metricValue() >= request.spec().integrationTests().threshold();
            context.put(report.metric(), String.format(Locale.ROOT, "%.4f on %d labelled rows of %s; bar >= %s: %s",
                    report.metricValue(), report.labelledRows(), report.testSet(), request.spec().integrationTests().threshold(),
                    met ? "met" : "NOT met"));
        } else {
            context.put("quality", "not measured (integrationTests.metric: none)");
        }
        context.put("modelPackageGroupPolicy", grant);
        return context;
    }

    private DeployResult result(DeploymentOutcome outcome, DeployRequest request, StackOutcome testStack, TestReport report,
            StackOutcome prodStack, TestReport smoke, String reason) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        return new DeployResult(outcome, request.modelPackageArn(), testStack.forResult(), report, prodStack.forResult(), smoke,
                reason, gate.state().outcome());
    }

    private static String endpoint(StackOutcome stack, DeploymentSpec spec) {
        return stack.outputs().getOrDefault("EndpointName", spec.endpointName());
    }

}
