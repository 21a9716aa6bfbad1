package io.sluice.activities.registry;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsOperation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Look-ups and conversions shared by the activities that register model packages. */
public final class ModelPackages {
    /** Customer metadata key holding the workflow id that registered a package: the idempotency key. */
    public static final String WORKFLOW_ID_KEY = "sluice:workflowId";

    private ModelPackages() {}

    /** The package of {@code group} that {@code workflowId} registered, if any. */
    public static Optional<DescribeModelPackageResponse> findRegisteredBy(SageMakerClient sageMaker, String group, String workflowId,
            AwsOperation operation) {
        List<ModelPackageSummary> summaries = AwsCalls.call(operation, () -> sageMaker
                .listModelPackagesPaginator(list -> list.modelPackageGroupName(group)).modelPackageSummaryList()
                .stream().toList());
        for (ModelPackageSummary summary : summaries) {
            DescribeModelPackageResponse described = AwsCalls.call(operation, () -> sageMaker.describeModelPackage(d -> d.modelPackageName(summary.modelPackageArn())));
            if (workflowId.equals(described.customerMetadataProperties().get(WORKFLOW_ID_KEY))) {
                return Optional.of(described);
            }
        }
        return Optional.empty();
    }

    /** SageMaker tags, in key order. */
    public static List<Tag> tags(Map<String, String> tags) {
        return new TreeMap<>(tags).entrySet().stream()
                .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build())
                .toList();
    }
}
