package io.sluice.activities.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.SageMakerErrors;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.registry.ModelRegistryActivities;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The SageMaker model registry, idempotent per workflow (see {@link ModelRegistryActivities}). */
public final class ModelRegistryActivitiesImpl implements ModelRegistryActivities {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;

    @Inject
    public ModelRegistryActivitiesImpl(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public GroupResult ensureGroup(GroupRequest request) {
        var account = clients.account(request.account());
        SageMakerClient sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(account, "sagemaker", "CreateModelPackageGroup",
                "model package group " + request.group());
        Optional<String> existing = describeGroup(sageMaker, request.group(), operation);
        if (existing.isPresent()) {
            return new GroupResult(existing.get(), false);
        }
        return AwsCalls.createUnlessExists(operation, () -> sageMaker.createModelPackageGroup(create -> create
                        .modelPackageGroupName(request.group())
                        .modelPackageGroupDescription(request.description())
                        .tags(ModelPackages.tags(request.tags()))).modelPackageGroupArn(),
                e -> e instanceof SageMakerException sageMakerError && SageMakerErrors.alreadyExists(sageMakerError))
                .map(arn -> new GroupResult(arn, true))
                .orElseGet(() -> new GroupResult(describeGroup(sageMaker, request.group(), operation).orElseThrow(), false));
    }

    @Override
    public PackageResult registerPackage(PackageRequest request) {
        var account = clients.account(request.account());
        SageMakerClient sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(account, "sagemaker", "CreateModelPackage", "model package group " + request.group());
        Optional<DescribeModelPackageResponse> existing = ModelPackages.findRegisteredBy(sageMaker, request.group(), request.workflowId(), operation);
        if (existing.isPresent()) {
            return result(existing.get());
        }
        writeStatistics(request);
        Map<String, String> metadata = new TreeMap<>(request.metadata());
        metadata.put(ModelPackages.WORKFLOW_ID_KEY, request.workflowId());
        String arn = AwsCalls.call(operation, () -> sageMaker.createModelPackage(create -> create
                .modelPackageGroupName(request.group())
                .modelPackageDescription(request.description())
                .clientToken(ResourceNames.clientToken(request.workflowId(), "register"))
                .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                .customerMetadataProperties(metadata)
                .inferenceSpecification(inference -> inference
                        .containers(container -> container.image(request.image()).modelDataUrl(request.modelDataUri()))
                        .supportedContentTypes("text/csv")
                        .supportedResponseMIMETypes("text/csv"))
                .modelMetrics(metrics -> metrics.modelQuality(quality -> quality.statistics(statistics -> statistics
                        .contentType("application/json").s3Uri(request.metricsUri()))))).modelPackageArn());
        return result(describe(sageMaker, arn, operation));
    }

    @Override
    public PackageResult setApprovalStatus(ApprovalStatusRequest request) {
        var account = clients.account(request.account());
        SageMakerClient sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        var operation = new AwsOperation(account, "sagemaker", "UpdateModelPackage", request.packageArn());
        DescribeModelPackageResponse current = describe(sageMaker, request.packageArn(), operation);
        if (current.modelApprovalStatusAsString().equals(request.status())) {
            return result(current);
        }
        AwsCalls.call(operation, () -> sageMaker.updateModelPackage(update -> update
                .modelPackageArn(request.packageArn())
                .modelApprovalStatus(request.status())
                .approvalDescription(request.description())
                .customerMetadataProperties(current.customerMetadataProperties())));
        return result(describe(sageMaker, request.packageArn(), operation));
    }

    private void writeStatistics(PackageRequest request) {
        var location = S3Uri.parse(request.metricsUri());
        var operation = new AwsOperation(clients.account(request.account()), "s3", "PutObject", request.metricsUri());
        Map<String, Object> statistics = Map.of("binary_classification_metrics", new TreeMap<>(request.metrics()));
        String body;
        try {
            body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(statistics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AwsCalls.call(operation, () -> clients.client(request.account(), AwsServices.S3).putObject(
                put -> put.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromString(body)));
    }

    private static Optional<String> describeGroup(SageMakerClient sageMaker, String group, AwsOperation operation) {
        try {
            return Optional.of(sageMaker.describeModelPackageGroup(describe -> describe.modelPackageGroupName(group))
                    .modelPackageGroupArn());
        } catch (SageMakerException e) {
            if (SageMakerErrors.notFound(e)) {
                return Optional.empty();
            }
            throw io.sluice.activities.aws.AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    private static DescribeModelPackageResponse describe(SageMakerClient sageMaker, String arn, AwsOperation operation) {
        return AwsCalls.call(operation, () -> sageMaker.describeModelPackage(describe -> describe.modelPackageName(arn)));
    }

    private static PackageResult result(DescribeModelPackageResponse described) {
        return new PackageResult(described.modelPackageArn(),
                described.modelPackageVersion() == null ? 0 : described.modelPackageVersion(),
                described.modelApprovalStatusAsString());
    }

}
