package io.sluice.activities.aws.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackResourcePermissionsTest {

    @Test
    void endpointTemplate_servingAnImage_hasTheModelsRolePullItAndReadTheModelData() throws Exception {
        var parameters = Map.of("EndpointName", "credit-risk", "Stage", "prod",
                "Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0",
                "ModelDataUrl", "s3://sluice-shared-100000000004/models/credit-risk/v1/model.tar.gz",
                "ExecutionRoleArn", "arn:aws:iam::100000000006:role/SluiceSageMakerExecution", "WorkflowId", "deploy/credit-risk");

        var needs = StackResourcePermissions.needs(endpointTemplate(), parameters, "100000000006", "us-east-1");

        String repository = "arn:aws:ecr:us-east-1:100000000004:repository/credit-risk-xgboost";
        assertThat(needs.permissions()).extracting(IamPermission::action).doesNotContain("sagemaker:DescribeModelPackage");
        assertThat(needs.onBehalf()).containsExactly(new OnBehalf("arn:aws:iam::100000000006:role/SluiceSageMakerExecution", java.util.List.of(
                new IamPermission("ecr:GetAuthorizationToken", "*"),
                new IamPermission("ecr:BatchGetImage", repository),
                new IamPermission("ecr:GetDownloadUrlForLayer", repository),
                new IamPermission("ecr:BatchCheckLayerAvailability", repository),
                new IamPermission("s3:GetObject", "arn:aws:s3:::sluice-shared-100000000004/models/credit-risk/v1/model.tar.gz")), Map.of()));
    }

    private String endpointTemplate() throws java.io.IOException {
        try (var in = getClass().getResourceAsStream("/io/sluice/activities/deployment/endpoint.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void endpointTemplate_needsTheCallersPermissionsForModelConfigEndpointTagsAndTheSharedPackage() throws Exception {
        String template = endpointTemplate();
        String sharedPackage = "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1";
        var parameters = Map.of("EndpointName", "credit-risk", "Stage", "test", "ModelPackageArn", sharedPackage,
                "ExecutionRoleArn", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution", "WorkflowId", "deploy/credit-risk",
                "ReleaseName", "credit-risk-test-v1-0a1b2c3d");

        var permissions = StackResourcePermissions.needs(template, parameters, "100000000005", "us-east-1").permissions();

        String sageMaker = "arn:aws:sagemaker:us-east-1:100000000005:";
        assertThat(permissions).containsExactly(
                new IamPermission("iam:PassRole", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution"),
                new IamPermission("sagemaker:DescribeModelPackage", sharedPackage),
                new IamPermission("sagemaker:CreateModel", sageMaker + "model/credit-risk-test-v1-0a1b2c3d"),
                new IamPermission("sagemaker:AddTags", sageMaker + "model/credit-risk-test-v1-0a1b2c3d"),
                new IamPermission("sagemaker:CreateEndpointConfig", sageMaker + "endpoint-config/credit-risk-test-v1-0a1b2c3d"),
                new IamPermission("sagemaker:AddTags", sageMaker + "endpoint-config/credit-risk-test-v1-0a1b2c3d"),
                new IamPermission("sagemaker:CreateEndpoint", sageMaker + "endpoint/credit-risk"),
                new IamPermission("sagemaker:AddTags", sageMaker + "endpoint/credit-risk"));
    }
}
