package io.sluice.activities.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.deployment.DeploymentActivities;
import io.sluice.workflows.deployment.DeploymentActivities.StackRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

@ExtendWith(LocalAwsExtension.class)
class DeploymentActivitiesImplTest {
    private TestActivityEnvironment environment;
    private AwsClients clients;

    @AfterEach
    void close() {
        environment.close();
        clients.close();
    }

    @Test
    void applyStack_twice_isOneStackWithTheEndpointsRealName(LocalAws localAws) {
        DeploymentActivities deployment = activities(localAws, 3);
        var request = stack(localAws, "credit-risk", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution");

        var first = deployment.applyStack(request);
        var second = deployment.applyStack(request);

        assertThat(first.succeeded()).isTrue();
        assertThat(first.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(first.changes()).anySatisfy(change -> assertThat(change).contains("AWS::SageMaker::Endpoint"));
        assertThat(first.outputs()).containsKeys("EndpointName", "EndpointArn", "ModelName");
        assertThat(second.succeeded()).isTrue();
        assertThat(second.stackId()).isEqualTo(first.stackId());
        var stacks = clients.client("test", AwsServices.CLOUDFORMATION).listStacks(list -> { }).stackSummaries();
        assertThat(stacks).filteredOn(summary -> summary.stackName().equals("sluice-credit-risk-test"))
                .extracting(StackSummary::stackStatusAsString).doesNotContain("CREATE_IN_PROGRESS").hasSize(1);
        assertThat(clients.client("test", AwsServices.SAGEMAKER).describeEndpoint(d -> d.endpointName(first.outputs().get("EndpointName")))
                .endpointStatusAsString()).isEqualTo("InService");
        assertThat(clients.client("prod", AwsServices.CLOUDFORMATION).listStacks(list -> { }).stackSummaries())
                .filteredOn(summary -> summary.stackName().startsWith("sluice-credit-risk")).isEmpty();
    }

    @Test
    void applyStack_withAnInvalidParameter_failsWithoutRetryNamingWhy(LocalAws localAws) {
        DeploymentActivities deployment = activities(localAws, 3);
        var parameters = new LinkedHashMap<>(stack(localAws, "bad", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution").parameters());
        parameters.remove("ExecutionRoleArn");
        var request = new StackRequest("test", "sluice-bad-test", "deploy/bad", parameters, Map.of());

        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(ActivityFailure.class, () -> deployment.applyStack(request));

        assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
        var cause = (ApplicationFailure) failure.getCause();
        assertThat(cause.isNonRetryable()).isTrue();
        assertThat(cause.getOriginalMessage()).contains("sluice-bad-test").contains("ExecutionRoleArn");
        assertThat(failure.getRetryState().name()).isEqualTo("RETRY_STATE_NON_RETRYABLE_FAILURE");
    }

    @Test
    void tagPackage_replacingTheApprovers_dropsApproversNoLongerListedAndKeepsTheRest(LocalAws localAws) {
        DeploymentActivities deployment = activities(localAws, 1);
        var sageMaker = clients.client("shared", AwsServices.SAGEMAKER);
        sageMaker.createModelPackageGroup(create -> create.modelPackageGroupName("credit-risk"));
        String packageArn = sageMaker.createModelPackage(create -> create.modelPackageGroupName("credit-risk")
                .inferenceSpecification(spec -> spec.containers(container -> container
                        .image("100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0"))
                        .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))
                .customerMetadataProperties(Map.of("sluice:buildWorkflowId", "build/credit-risk/1",
                        "sluice:approved-by", "a@example.com,b@example.com"))).modelPackageArn();
        var twoApprovers = new DeploymentActivities.TagRequest("shared", packageArn, Map.of("sluice:approved-by:0", "a@example.com",
                "sluice:approved-by:1", "b@example.com"), java.util.List.of("sluice:approved-by"));
        var oneApprover = new DeploymentActivities.TagRequest("shared", packageArn, Map.of("sluice:approved-by:0", "c@example.com"),
                java.util.List.of("sluice:approved-by"));

        assertThat(deployment.tagPackage(twoApprovers).tags()).containsOnlyKeys("sluice:buildWorkflowId", "sluice:approved-by:0",
                "sluice:approved-by:1");
        deployment.tagPackage(oneApprover);
        var tagged = deployment.tagPackage(oneApprover);

        assertThat(tagged.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("sluice:buildWorkflowId", "build/credit-risk/1",
                "sluice:approved-by:0", "c@example.com"));
        assertThat(sageMaker.describeModelPackage(describe -> describe.modelPackageName(packageArn)).customerMetadataProperties())
                .isEqualTo(tagged.tags());
    }

    private DeploymentActivities activities(LocalAws localAws, int attempts) {
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new DeploymentActivitiesImpl(clients));
        return environment.newActivityStub(DeploymentActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(attempts)
                        .setDoNotRetry(io.sluice.workflows.FailureType.nonRetryableTypes()).build())
                .build());
    }

    private static StackRequest stack(LocalAws localAws, String endpoint, String role) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EndpointName", endpoint);
        parameters.put("Stage", "test");
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0");
        parameters.put("ModelDataUrl", "s3://" + localAws.account("shared").artifactBucket() + "/models/model.tar.gz");
        parameters.put("ExecutionRoleArn", role);
        parameters.put("SourceModelPackage", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1");
        parameters.put("WorkflowId", "deploy/" + endpoint);
        parameters.put("ReleaseName", endpoint + "-test-v1-0a1b2c3d");
        return new StackRequest("test", "sluice-" + endpoint + "-test", "deploy/" + endpoint, parameters, Map.of("sluice:stage", "test"));
    }
}
