package io.sluice.activities.deployment;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.workflows.deployment.DeploymentActivities;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The shared package (SageMaker) and the endpoint stacks (CloudFormation) of a deployment. */
public final class DeploymentActivitiesImpl implements DeploymentActivities {
    private final AwsClients clients;
    private final CloudFormationStacks stacks;

    @Inject
    public DeploymentActivitiesImpl(AwsClients clients) {
        this.clients = clients;
        this.stacks = new CloudFormationStacks(clients);
    }

    @Override
    public DeployablePackage describePackage(PackageRequest request) {
        var operation = new AwsOperation(clients.account(request.account()), "sagemaker", "DescribeModelPackage", request.packageArn());
        var described = AwsCalls.call(operation, () -> clients.client(request.account(), AwsServices.SAGEMAKER)
                .describeModelPackage(describe -> describe.modelPackageName(request.packageArn())));
        var container = described.inferenceSpecification() == null || described.inferenceSpecification().containers().isEmpty()
                ? null : described.inferenceSpecification().containers().get(0);
        return new DeployablePackage(described.modelPackageArn(), described.modelPackageGroupName(),
                described.modelApprovalStatusAsString(), container == null ? "" : container.image(),
                container == null || container.modelDataUrl() == null ? "" : container.modelDataUrl());
    }

    @Override
    public GrantResult grantAccess(GrantRequest request) {
        var account = clients.account(request.account());
        List<String> principals = request.accountIds().stream().map(alias -> "arn:aws:iam::" + clients.account(alias).id() + ":root")
                .sorted().toList();
        String groupArn = "arn:aws:sagemaker:" + clients.settings().region() + ":" + account.id() + ":model-package-group/"
                + request.group();
        String packages = "arn:aws:sagemaker:" + clients.settings().region() + ":" + account.id() + ":model-package/"
                + request.group() + "/*";
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"SluiceStagesUseGroup\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[" + principals.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","))
                + "]},\"Action\":[\"sagemaker:DescribeModelPackage\",\"sagemaker:ListModelPackages\","
                + "\"sagemaker:DescribeModelPackageGroup\"],\"Resource\":[\"" + groupArn + "\",\"" + packages + "\"]}]}";
        var operation = new AwsOperation(account, "sagemaker", "PutModelPackageGroupPolicy", groupArn);
        AwsCalls.call(operation, () -> clients.client(request.account(), AwsServices.SAGEMAKER)
                .putModelPackageGroupPolicy(put -> put.modelPackageGroupName(request.group()).resourcePolicy(policy)));
        return new GrantResult(request.group(), true);
    }

    @Override
    public StackOutcome applyStack(StackRequest request) {
        return stacks.apply(request);
    }

    @Override
    public StackOutcome deleteStack(StackRequest request) {
        return stacks.delete(request);
    }

    /**
     * Records the deployment in the package's customer metadata (kept with the package version and
     * shown beside it), merged with what is there; the approval status is left as it is.
     */
    @Override
    public TagResult tagPackage(TagRequest request) {
        var operation = new AwsOperation(clients.account(request.account()), "sagemaker", "UpdateModelPackage", request.packageArn());
        var sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        var current = AwsCalls.call(operation, () -> sageMaker.describeModelPackage(d -> d.modelPackageName(request.packageArn())));
        var merged = new TreeMap<String, String>(current.customerMetadataProperties());
        merged.putAll(request.tags());
        if (!merged.equals(new TreeMap<>(current.customerMetadataProperties()))) {
            AwsCalls.call(operation, () -> sageMaker.updateModelPackage(update -> update.modelPackageArn(request.packageArn())
                    .customerMetadataProperties(merged)));
        }
        var after = AwsCalls.call(operation, () -> sageMaker.describeModelPackage(d -> d.modelPackageName(request.packageArn())));
        return new TagResult(after.customerMetadataProperties());
    }
}
