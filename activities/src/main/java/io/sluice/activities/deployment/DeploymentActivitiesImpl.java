package io.sluice.activities.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.PolicyDocuments;
import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.deployment.DeploymentActivities;
import io.sluice.workflows.registry.PackageMetadata;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The shared package (SageMaker) and the endpoint stacks (CloudFormation) of a deployment. */
public final class DeploymentActivitiesImpl implements DeploymentActivities {
    static final String STAGE_STATEMENT = "SluiceStageAccountsCreateModels";
    static final List<String> STAGE_ACTIONS = List.of("sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage",
            "sagemaker:ListModelPackages", "sagemaker:CreateModel");
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
                container == null || container.modelDataUrl() == null ? "" : container.modelDataUrl(),
                described.customerMetadataProperties().getOrDefault(PackageMetadata.TEST_SPLIT, ""));
    }

    /**
     * Lets the stage accounts create models from the group's packages (AWS's cross-account
     * deployment guide: the group's resource policy allows them to describe and list the group and
     * its packages and to create models from them). Sluice's statement is merged into the group's
     * policy by its Sid; statements others put there are kept. Nothing is written when the policy
     * already says this.
     */
    @Override
    public GrantResult grantAccess(GrantRequest request) {
        var account = clients.account(request.account());
        String region = clients.settings().region();
        String groupArn = "arn:aws:sagemaker:" + region + ":" + account.id() + ":model-package-group/" + request.group();
        String packages = "arn:aws:sagemaker:" + region + ":" + account.id() + ":model-package/" + request.group() + "/*";
        ObjectNode statement = PolicyDocuments.statement(STAGE_STATEMENT);
        ArrayNode principals = statement.putObject("Principal").putArray("AWS");
        request.accountIds().stream().map(alias -> "arn:aws:iam::" + clients.account(alias).id() + ":root").sorted().distinct()
                .forEach(principals::add);
        ArrayNode actions = statement.putArray("Action");
        STAGE_ACTIONS.forEach(actions::add);
        statement.putArray("Resource").add(groupArn).add(packages);

        var sageMaker = clients.client(request.account(), AwsServices.SAGEMAKER);
        String existing = currentGroupPolicy(account, request.group(), groupArn);
        String policy = PolicyDocuments.withStatement(existing, statement);
        if (PolicyDocuments.same(existing, policy)) {
            return new GrantResult(request.group(), false);
        }
        var operation = new AwsOperation(account, "sagemaker", "PutModelPackageGroupPolicy", groupArn);
        AwsCalls.call(operation, () -> sageMaker.putModelPackageGroupPolicy(put -> put.modelPackageGroupName(request.group())
                .resourcePolicy(policy)));
        return new GrantResult(request.group(), true);
    }

    /** The group's resource policy, or empty when it has none (SageMaker answers a ValidationException naming the policy). */
    private String currentGroupPolicy(AwsAccount account, String group, String groupArn) {
        var operation = new AwsOperation(account, "sagemaker", "GetModelPackageGroupPolicy", groupArn);
        try {
            return clients.client(account.alias(), AwsServices.SAGEMAKER)
                    .getModelPackageGroupPolicy(get -> get.modelPackageGroupName(group)).resourcePolicy();
        } catch (SageMakerException e) {
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if (e.statusCode() == 400 && message.toLowerCase(java.util.Locale.ROOT).contains("policy")) {
                return "";
            }
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    @Override
    public StackOutcome applyStack(StackRequest request) {
        return stacks.apply(request, AwsCalls.runId());
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
        var existing = new TreeMap<String, String>(current.customerMetadataProperties());
        List<String> stale = existing.keySet().stream()
                .filter(key -> !request.tags().containsKey(key))
                .filter(key -> request.replacing().stream().anyMatch(key::startsWith))
                .toList();
        var merged = new TreeMap<>(existing);
        stale.forEach(merged::remove);
        merged.putAll(request.tags());
        if (!merged.equals(existing)) {
            AwsCalls.call(operation, () -> sageMaker.updateModelPackage(update -> {
                update.modelPackageArn(request.packageArn()).customerMetadataProperties(merged);
                if (!stale.isEmpty()) {
                    update.customerMetadataPropertiesToRemove(stale);
                }
            }));
        }
        var after = AwsCalls.call(operation, () -> sageMaker.describeModelPackage(d -> d.modelPackageName(request.packageArn())));
        return new TagResult(after.customerMetadataProperties());
    }
}
