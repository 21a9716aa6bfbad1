package io.sluice.activities.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.RegionImages;
import io.sluice.activities.aws.S3Objects;
import io.sluice.activities.aws.SageMakerErrors;
import io.sluice.activities.registry.ModelPackages;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.promotion.PromotionActivities;
import io.sluice.workflows.promotion.PromotionPlan;
import io.sluice.workflows.promotion.SourceAccounts;
import io.sluice.workflows.registry.PackageMetadata;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The source package, the central registry and the model card (see {@link PromotionActivities}). */
public final class PromotionActivitiesImpl implements PromotionActivities {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;
    private final S3Objects s3;

    @Inject
    public PromotionActivitiesImpl(AwsClients clients) {
        this.clients = clients;
        this.s3 = new S3Objects(clients);
    }

    @Override
    public PromotionPlan plan(PlanRequest unresolved) {
        String sourceAccount;
        try {
            sourceAccount = SourceAccounts.of(clients.settings().accountIds(), "promotion.sourceAccount", unresolved.sourceAccount(),
                    unresolved.sourcePackageArn());
        } catch (IllegalArgumentException e) {
            throw FailureType.INVALID_INPUT.failure(e.getMessage());
        }
        if (sourceAccount.equals(unresolved.targetAccount())) {
            throw FailureType.INVALID_INPUT.failure("model package " + unresolved.sourcePackageArn() + " is already in "
                    + "the target account " + sourceAccount + "; a promotion copies a package from a dev account into it");
        }
        var request = unresolved.withSourceAccount(sourceAccount);
        var sageMaker = clients.client(request.sourceAccount(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(clients.account(request.sourceAccount()), "sagemaker", "DescribeModelPackage",
                request.sourcePackageArn());
        DescribeModelPackageResponse source = AwsCalls.call(operation,
                () -> sageMaker.describeModelPackage(describe -> describe.modelPackageName(request.sourcePackageArn())));
        String group = source.modelPackageGroupName();
        int version = source.modelPackageVersion() == null ? 0 : source.modelPackageVersion();
        // The source account is part of the key: two dev accounts may promote the same group and version.
        String sourceAccountId = clients.account(request.sourceAccount()).id();
        S3Uri prefix = S3Uri.parse(request.artifactPrefix()).child(sourceAccountId).child(group).child("v" + version);
        Map<String, String> artifacts = new LinkedHashMap<>();
        Map<String, String> images = new LinkedHashMap<>();
        List<PromotionPlan.Container> containers = source.inferenceSpecification() == null ? List.of()
                : source.inferenceSpecification().containers().stream().map(container -> container(container)).toList();
        String targetAccountId = clients.account(request.targetAccount()).id();
        int index = 0;
        for (PromotionPlan.Container container : containers) {
            if (!container.modelDataUrl().isEmpty()) {
                String name = S3Uri.parse(container.modelDataUrl()).key().replaceAll(".*/", "");
                artifacts.put(container.modelDataUrl(), prefix.child("container-" + index + "-" + name).toString());
            }
            if (!RegionImages.isAwsOwned(container.image())) {
                images.put(container.image(), retarget(container.image(), targetAccountId));
            }
            index++;
        }
        String metricsUri = source.modelMetrics() != null && source.modelMetrics().modelQuality() != null
                && source.modelMetrics().modelQuality().statistics() != null
                ? source.modelMetrics().modelQuality().statistics().s3Uri() : "";
        Map<String, Double> metrics = new TreeMap<>();
        if (!metricsUri.isEmpty()) {
            artifacts.put(metricsUri, prefix.child("statistics.json").toString());
            metrics.putAll(readMetrics(request.sourceAccount(), metricsUri));
        }
        String testSplit = source.customerMetadataProperties().getOrDefault(PackageMetadata.TEST_SPLIT, "");
        String testSplitCopy = "";
        if (!testSplit.isEmpty()) {
            S3Uri split = S3Uri.parse(testSplit);
            S3Uri target = prefix.child("test-split/");
            for (String key : s3.list(request.sourceAccount(), split)) {
                if (!key.endsWith("/")) {
                    artifacts.put(new S3Uri(split.bucket(), key).toString(), target.child(key.substring(split.prefix().length())).toString());
                }
            }
            testSplitCopy = target.toString();
        }
        Map<String, String> metadata = new LinkedHashMap<>(source.customerMetadataProperties());
        String targetPrefix = prefix.toString();
        if (request.namesUnderTargetPrefix()) {
            // The central package records where the test split's copy is; the source's own location is not needed.
            metadata.remove(PackageMetadata.TEST_SPLIT);
            artifacts.replaceAll((from, to) -> PromotionPlan.nameUnder(targetPrefix, to));
            testSplitCopy = PromotionPlan.nameUnder(targetPrefix, testSplitCopy);
        }
        return new PromotionPlan(source.modelPackageArn(), group, version, source.modelApprovalStatusAsString(),
                source.modelPackageDescription() == null ? "" : source.modelPackageDescription(), containers, metricsUri,
                metrics, source.approvalDescription() == null ? "" : source.approvalDescription(),
                metadata, artifacts, images, testSplitCopy, sourceAccount, targetPrefix);
    }

    @Override
    public CentralPackage registerCentral(CentralPackageRequest request) {
        var sageMaker = clients.client(request.targetAccount(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(clients.account(request.targetAccount()), "sagemaker", "CreateModelPackage",
                "model package group " + request.group());
        var existing = ModelPackages.findRegisteredBy(sageMaker, request.group(), request.workflowId(), operation);
        if (existing.isPresent()) {
            return new CentralPackage(existing.get().modelPackageArn(), existing.get().modelPackageVersion(), false);
        }
        Map<String, String> metadata = new TreeMap<>(request.metadata());
        metadata.put(ModelPackages.WORKFLOW_ID_KEY, request.workflowId());
        String arn = AwsCalls.call(operation, () -> sageMaker.createModelPackage(create -> {
            create.modelPackageGroupName(request.group())
                    .modelPackageDescription(request.description())
                    .clientToken(ResourceNames.clientToken(request.workflowId(), "central"))
                    .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                    .customerMetadataProperties(metadata)
                    .inferenceSpecification(inference -> inference
                            .containers(request.containers().stream().map(container -> ModelPackageContainerDefinition.builder()
                                    .image(container.image())
                                    .modelDataUrl(container.modelDataUrl().isEmpty() ? null : container.modelDataUrl())
                                    .environment(container.environment().isEmpty() ? null : container.environment())
                                    .build()).toList())
                            .supportedContentTypes("text/csv")
                            .supportedResponseMIMETypes("text/csv"));
            if (!request.metricsUri().isEmpty()) {
                create.modelMetrics(metrics -> metrics.modelQuality(quality -> quality.statistics(statistics -> statistics
                        .contentType("application/json").s3Uri(request.metricsUri()))));
            }
        }).modelPackageArn());
        var described = AwsCalls.call(operation, () -> sageMaker.describeModelPackage(d -> d.modelPackageName(arn)));
        return new CentralPackage(arn, described.modelPackageVersion() == null ? 0 : described.modelPackageVersion(), true);
    }

    @Override
    public ModelCard writeModelCard(ModelCardRequest request) {
        var sageMaker = clients.client(request.targetAccount(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(clients.account(request.targetAccount()), "sagemaker", "CreateModelCard",
                "model card " + request.name());
        String content = cardJson(request);
        Optional<DescribeModelCardResponse> existing = describeCard(sageMaker, request.name(), operation);
        if (existing.isEmpty()) {
            AwsCalls.call(operation, () -> sageMaker.createModelCard(create -> create.modelCardName(request.name())
                    .content(content).modelCardStatus("Draft")));
        } else if (sameContent(existing.get().content(), content)) {
            var card = existing.get();
            return new ModelCard(card.modelCardArn(), card.modelCardVersion(), false);
        } else {
            AwsCalls.call(operation, () -> sageMaker.updateModelCard(update -> update.modelCardName(request.name()).content(content)));
        }
        var card = describeCard(sageMaker, request.name(), operation).orElseThrow();
        return new ModelCard(card.modelCardArn(), card.modelCardVersion(), true);
    }

    /** The card's content in SageMaker's model card schema. */
    static String cardJson(ModelCardRequest request) {
        ModelCardContent content = request.content();
        ObjectNode card = JSON.createObjectNode();
        ObjectNode overview = card.putObject("model_overview");
        overview.put("model_description", content.description());
        overview.put("model_id", request.modelPackageArn());
        overview.put("model_name", request.name());
        if (!content.trainingJob().isEmpty()) {
            card.putObject("training_details").putObject("training_job_details").put("training_arn", content.trainingJob());
        }
        ArrayNode evaluations = card.putArray("evaluation_details");
        ObjectNode evaluation = evaluations.addObject();
        evaluation.put("name", "training");
        ArrayNode metricData = evaluation.putArray("metric_groups").addObject().put("name", "metrics").putArray("metric_data");
        new TreeMap<>(content.metrics()).forEach((name, value) ->
                metricData.addObject().put("name", name).put("type", "number").put("value", value));
        ObjectNode details = card.putObject("additional_information").putObject("custom_details");
        new TreeMap<>(content.lineage()).forEach((key, value) -> details.put("lineage." + key, value));
        for (int i = 0; i < content.approvals().size(); i++) {
            details.put("approval." + i, content.approvals().get(i));
        }
        return card.toString();
    }

    private static boolean sameContent(String existing, String wanted) {
        try {
            return JSON.readTree(existing).equals(JSON.readTree(wanted));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<DescribeModelCardResponse> describeCard(software.amazon.awssdk.services.sagemaker.SageMakerClient sageMaker,
            String name, AwsOperation operation) {
        try {
            return Optional.of(sageMaker.describeModelCard(describe -> describe.modelCardName(name)));
        } catch (SageMakerException e) {
            if (SageMakerErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    private Map<String, Double> readMetrics(String account, String uri) {
        try {
            JsonNode statistics = JSON.readTree(s3.read(account, S3Uri.parse(uri)));
            Map<String, Double> metrics = new TreeMap<>();
            statistics.fields().forEachRemaining(group -> group.getValue().fields().forEachRemaining(metric -> {
                if (metric.getValue().isNumber()) {
                    metrics.put(metric.getKey(), metric.getValue().asDouble());
                }
            }));
            return metrics;
        } catch (IOException e) {
            throw FailureType.INVALID_INPUT.failure("model statistics at " + uri + " are not JSON: " + e.getMessage());
        }
    }

    private static PromotionPlan.Container container(ModelPackageContainerDefinition definition) {
        return new PromotionPlan.Container(definition.image(), definition.modelDataUrl() == null ? "" : definition.modelDataUrl(),
                definition.environment() == null ? Map.of() : definition.environment());
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>} in the target account's registry. */
    static String retarget(String image, String targetAccountId) {
        int slash = image.indexOf('/');
        if (slash < 0 || !image.substring(0, slash).matches("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?")) {
            throw FailureType.INVALID_INPUT.failure("image '" + image + "' is not in an ECR registry; Sluice promotes "
                    + "images from <account>.dkr.ecr.<region>.amazonaws.com");
        }
        return targetAccountId + image.substring(image.indexOf('.'));
    }
}
