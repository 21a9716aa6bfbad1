package io.sluice.workflows.promotion;

import io.sluice.workflows.ActivitySteps;
import io.sluice.workflows.ChildRuns;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.FollowOn;
import io.sluice.workflows.InputChecks;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.ContinuedRuns;
import io.sluice.workflows.approval.GateContinuation;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.approval.Requester;
import io.sluice.workflows.approval.Requesters;
import io.sluice.workflows.build.EvaluationSpec;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.registry.ModelRegistryActivities;
import io.sluice.workflows.registry.PackageMetadata;
import io.sluice.workflows.registry.PackageStatus;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The PromoteModel orchestration; every AWS call is an activity. */
public final class PromoteModelWorkflowImpl extends GatedWorkflow implements PromoteModelWorkflow {
    /**
     * Change id: the central package names each image by its digest ({@code repo@sha256:…}), so a
     * later push of the same tag cannot change the image under an approved package.
     */
    static final String CENTRAL_IMAGE_BY_DIGEST = "central-image-by-digest";

    /** SageMaker's limit on a model card name (letters, digits, hyphens). */
    static final int MODEL_CARD_NAME_LIMIT = 63;
    private static final String FIT_MODEL_CARD_NAME = "fit-model-card-name";
    /**
     * Change id: the copies are recorded in a manifest object in the target account, and the result
     * names it instead of listing every copy.
     */
    static final String COPY_MANIFEST = "copy-manifest";
    /** The manifest's name under the plan's target prefix. */
    static final String COPY_MANIFEST_NAME = "sluice-copies.json";

    private final PromotionActivities promotion = ActivitySteps.activities(PromotionActivities.class,
            ActivitySteps.quick());
    private final ModelRegistryActivities registry = ActivitySteps.activities(ModelRegistryActivities.class,
            ActivitySteps.quick());
    /** How long one object or image copy may take, retries included twice over. */
    private static final Duration COPY_LIMIT = Duration.ofHours(6);

    @Override
    public PromoteResult promote(PromoteRequest request) {
        PromotionSpec spec = request.spec();
        String workflowId = Workflow.getInfo().getWorkflowId();
        PromotionAtGate resumed = ContinuedRuns.atGate(request.atGate(), "atGate");
        if (resumed != null) {
            Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(resumed.group()));
            return afterGate(request, resumed.gate().requester(), resumed, gate.resume(resumed.gate(), continuation(request, resumed)));
        }
        InputChecks.checkOnce(request);
        Requester requester = Requesters.establish(request.requester(), request.requesterProof(), request.requesterPrincipal());
        ActivitySteps.enter("plan", "Reading " + request.sourceModelPackageArn());
        PromotionPlan plan = promotion.plan(new PromotionActivities.PlanRequest(spec.sourceAccount(),
                request.sourceModelPackageArn(), spec.targetAccount(), spec.artifactPrefix(), true));
        Map<String, String> targets = plan.targets();
        if (!PackageStatus.APPROVED.is(plan.approvalStatus())) {
            throw FailureType.INVALID_INPUT.failure("source package " + plan.sourcePackageArn() + " is "
                    + plan.approvalStatus() + "; only an Approved package can be promoted (approve its BuildModel run first)");
        }
        String sourceAccount = plan.sourceAccount().isEmpty() ? spec.sourceAccount() : plan.sourceAccount();
        String group = spec.targetGroup().isEmpty() ? plan.sourceGroup() : spec.targetGroup();
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(group));

        ActivitySteps.enter("copy-artifacts", "Copying " + plan.artifacts().size() + " S3 artifact(s) and " + plan.images().size()
                + " image(s) to " + spec.targetAccount());
        List<Promise<ArtifactCopyActivities.ObjectCopy>> objectCopies = new ArrayList<>();
        targets.forEach((source, target) -> objectCopies.add(Async.function(
                copies("Copy " + source + " to " + target)::copyObject,
                new ArtifactCopyActivities.ObjectCopyRequest(sourceAccount, source, spec.targetAccount(), target,
                        spec.kmsKey()))));
        List<Promise<ArtifactCopyActivities.ImageCopy>> imageCopies = new ArrayList<>();
        new TreeMap<>(plan.images()).keySet().forEach(image -> imageCopies.add(Async.function(
                copies("Copy image " + image + " to " + spec.targetAccount())::copyImage,
                new ArtifactCopyActivities.ImageCopyRequest(sourceAccount, image, spec.targetAccount(),
                        spec.pullAccounts()))));
        List<ArtifactCopyActivities.ObjectCopy> copiedObjects = objectCopies.stream().map(Promise::get).toList();
        List<ArtifactCopyActivities.ImageCopy> copiedImages = imageCopies.stream().map(Promise::get).toList();
        ArtifactCopyActivities.CopyRecord copyRecord = null;
        if (!plan.targetPrefix().isEmpty()
                && Workflow.getVersion(COPY_MANIFEST, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            copyRecord = Workflow.newActivityStub(ArtifactCopyActivities.class,
                    ActivitySteps.quick("Record the copies under " + plan.targetPrefix())).recordCopies(
                    new ArtifactCopyActivities.CopyRecordRequest(spec.targetAccount(),
                            S3Uri.parse(plan.targetPrefix()).child(COPY_MANIFEST_NAME).toString(), spec.kmsKey(), workflowId,
                            plan.sourcePackageArn(),
                            copiedObjects.stream().map(ArtifactCopyActivities.CopiedObject::of).toList(),
                            copiedImages.stream().map(ArtifactCopyActivities.CopiedImage::of).toList()));
        }

        ActivitySteps.enter("central-registry", "Registering in `" + group + "` in " + spec.targetAccount());
        var groupResult = registry.ensureGroup(new ModelRegistryActivities.GroupRequest(spec.targetAccount(), group,
                plan.description(), Map.of()));
        Map<String, String> images = new LinkedHashMap<>();
        boolean byDigest = Workflow.getVersion(CENTRAL_IMAGE_BY_DIGEST, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        copiedImages.forEach(copy -> images.put(copy.sourceImage(), byDigest ? pinned(copy) : copy.targetImage()));
        List<PromotionPlan.Container> containers = plan.containers().stream()
                .map(container -> new PromotionPlan.Container(images.getOrDefault(container.image(), container.image()),
                        targets.getOrDefault(container.modelDataUrl(), container.modelDataUrl()),
                        container.environment()))
                .toList();
        Map<String, String> metadata = new TreeMap<>(plan.metadata());
        metadata.put("sluice:sourceModelPackageArn", plan.sourcePackageArn());
        metadata.put("sluice:sourceAccount", sourceAccount);
        metadata.remove(PackageMetadata.TEST_SPLIT);
        if (!plan.testSplitTarget().isEmpty()) {
            metadata.put(PackageMetadata.TEST_SPLIT, plan.testSplitTarget());
        }
        String buildWorkflowId = metadata.remove(PackageMetadata.WORKFLOW_ID);
        if (buildWorkflowId != null) {
            metadata.put("sluice:buildWorkflowId", buildWorkflowId);
        }
        var central = promotion.registerCentral(new PromotionActivities.CentralPackageRequest(spec.targetAccount(), group,
                workflowId, plan.description(), containers, targets.getOrDefault(plan.metricsUri(), ""), metadata));

        ActivitySteps.enter("model-card", "Writing the model card of " + central.packageArn());
        String cardName = modelCardName(group, central.version());
        List<String> approvals = new ArrayList<>();
        if (!plan.approvalDescription().isEmpty()) {
            approvals.add(Gates.MODEL_APPROVAL + ": " + plan.approvalDescription());
        }
        var card = promotion.writeModelCard(new PromotionActivities.ModelCardRequest(spec.targetAccount(), cardName,
                central.packageArn(), cardContent(plan, approvals)));

        Map<String, String> context = new LinkedHashMap<>();
        context.put("centralModelPackageArn", central.packageArn());
        context.put("sourceModelPackageArn", plan.sourcePackageArn());
        copiedObjects.forEach(copy -> context.put("artifact " + copy.targetUri(), copy.size() + " bytes, " + copy.method()
                + (copy.sha256() == null || copy.sha256().isEmpty() ? ", ETag " + copy.targetEtag() : ", SHA-256 " + copy.sha256())));
        copiedImages.forEach(copy -> context.put("image " + copy.targetImage(), copy.digest()));
        new TreeMap<>(plan.metrics()).forEach((name, value) -> context.put("metric " + name,
                String.format(Locale.ROOT, "%.4f", value)));
        context.put("modelCard", card.cardArn() + " v" + card.version());
        String bar = evaluationBar(plan.metadata());
        if (!bar.isEmpty()) {
            context.put("evaluation bar (the build's)", bar);
        }
        if (!plan.testSplitTarget().isEmpty()) {
            context.put("testSplit", plan.testSplitTarget());
        }
        PromotionAtGate at = new PromotionAtGate(plan, group, groupResult.groupArn(), central.packageArn(), cardName, approvals,
                copiedObjects, copiedImages, copyRecord, null);
        return afterGate(request, requester, at, gate.open(Gates.PROMOTION_APPROVAL, requester, context, continuation(request, at)));
    }

    /** How the run continues as new at its gate: the next run resumes there with what this one copied and registered. */
    private static GateContinuation continuation(PromoteRequest request, PromotionAtGate at) {
        return carried -> request.continuedAt(at.withGate(carried));
    }

    /** The decision recorded on the central package and its model card, and the deployment it asks for. */
    private PromoteResult afterGate(PromoteRequest request, Requester requester, PromotionAtGate at, ApprovalState decided) {
        PromotionSpec spec = request.spec();
        PromotionPlan plan = at.plan();
        String cardName = at.cardName();
        List<String> approvals = new ArrayList<>(at.approvals());
        String centralArn = at.centralPackageArn();
        ActivitySteps.enter("registry-status", "Recording the decision on " + centralArn);
        PromotionOutcome outcome = switch (decided.state()) {
            case APPROVED -> PromotionOutcome.PROMOTED;
            case REJECTED -> PromotionOutcome.REJECTED;
            default -> PromotionOutcome.EXPIRED;
        };
        registry.setApprovalStatus(new ModelRegistryActivities.ApprovalStatusRequest(spec.targetAccount(),
                centralArn, (outcome == PromotionOutcome.PROMOTED ? PackageStatus.APPROVED : PackageStatus.REJECTED).registryName(),
                decided.state().name().toLowerCase(Locale.ROOT) + " at " + Gates.PROMOTION_APPROVAL));
        decided.decisions().stream().filter(decision -> decision.accepted()).forEach(decision -> approvals.add(
                Gates.PROMOTION_APPROVAL + ": " + decision.decision().name().toLowerCase(Locale.ROOT) + " by "
                        + decision.actor() + " at " + decision.at()));
        var card = promotion.writeModelCard(new PromotionActivities.ModelCardRequest(spec.targetAccount(), cardName,
                centralArn, cardContent(plan, approvals)));
        Workflow.setCurrentDetails("Central package " + centralArn + ": **" + outcome + "**.");
        String deploymentRun = "";
        FollowOn deployment = FollowOn.NOT_REQUESTED;
        if (outcome == PromotionOutcome.PROMOTED && spec.deployOnApproval()) {
            deploymentRun = WorkflowIds.deploy(spec.deployment().endpointName());
            ActivitySteps.enter("deploy", "Starting DeployModel for " + centralArn);
            deployment = ChildRuns.startAbandoned(DeployModelWorkflow.class, WorkflowIds.deploy(spec.deployment().endpointName()),
                    "Deploy " + centralArn + " to endpoint " + spec.deployment().endpointName() + ", requested by "
                            + requester.name(),
                    workflow -> Async.function(workflow::deploy, new DeployRequest(centralArn, spec.deployment(),
                            requester.name(), null, requester.principal())));
            if (deployment == FollowOn.BUSY) {
                Workflow.setCurrentDetails("Central package " + centralArn + ": **PROMOTED**; its deployment was **not "
                        + "started**: `" + deploymentRun + "` is running another deployment. Deploy it with `sluice model deploy "
                        + "--model-package " + centralArn + "` once that run ends.");
            }
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return new PromoteResult(outcome, plan.sourcePackageArn(), centralArn, at.groupArn(),
                card.cardArn(), card.version(), at.copyRecord() == null ? at.copiedObjects() : List.of(), at.copiedImages(), at.copyRecord(),
                decided.outcome(), deploymentRun, deployment);
    }

    /** A copy stub whose calls the Web UI shows as {@code summary}: one per copy, as copies run side by side. */
    private static ArtifactCopyActivities copies(String summary) {
        return Workflow.newActivityStub(ArtifactCopyActivities.class, ActivitySteps.waiting(COPY_LIMIT, summary));
    }

    /** The copied image by its digest in the target repository; as copied when the copy reports no digest. */
    static String pinned(ArtifactCopyActivities.ImageCopy copy) {
        String target = copy.targetImage();
        if (copy.digest() == null || !copy.digest().startsWith("sha256:")) {
            return target;
        }
        int at = target.indexOf('@');
        String name = at >= 0 ? target.substring(0, at) : target;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name + "@" + copy.digest();
    }

    /**
     * {@code <group>-v<version>}, shortened with a hash when longer than a model card name may be.
     * Runs that started before names were shortened keep the name they already wrote to.
     */
    private static String modelCardName(String group, int version) {
        String name = group + "-v" + version;
        if (name.length() <= MODEL_CARD_NAME_LIMIT
                || Workflow.getVersion(FIT_MODEL_CARD_NAME, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return name;
        }
        return ResourceNames.withSuffix(group, "-v" + version, MODEL_CARD_NAME_LIMIT);
    }

    private static PromotionActivities.ModelCardContent cardContent(PromotionPlan plan, List<String> approvals) {
        Map<String, String> lineage = new TreeMap<>();
        lineage.put("sourceModelPackageArn", plan.sourcePackageArn());
        plan.metadata().forEach((key, value) -> {
            if (key.startsWith(PackageMetadata.INPUT_PREFIX) || key.equals(PackageMetadata.FLOW)
                    || key.equals(PackageMetadata.FLOW_SHA256) || key.equals(PackageMetadata.WORKFLOW_ID)
                    || key.equals(PackageMetadata.TRAINING_JOB)) {
                lineage.put(key.substring("sluice:".length()), value);
            }
        });
        return new PromotionActivities.ModelCardContent(plan.description(),
                plan.metadata().getOrDefault(PackageMetadata.TRAINING_JOB, ""), plan.metrics(), lineage, approvals);
    }


    /** The build's evaluation bar as its package records it, e.g. {@code validation:auc >= 0.85}; empty for older packages. */
    private static String evaluationBar(Map<String, String> metadata) {
        String metric = metadata.getOrDefault(PackageMetadata.EVALUATION_METRIC, "");
        String comparison = metadata.getOrDefault(PackageMetadata.EVALUATION_COMPARISON, "");
        String threshold = metadata.getOrDefault(PackageMetadata.EVALUATION_THRESHOLD, "");
        if (metric.isEmpty() || threshold.isEmpty()) {
            return "";
        }
        var symbol = java.util.Arrays.stream(EvaluationSpec.Comparison.values()).filter(known -> known.name().equals(comparison))
                .map(EvaluationSpec.Comparison::symbol).findFirst();
        return symbol.map(written -> metric + " " + written + " " + threshold).orElse("");
    }
}
