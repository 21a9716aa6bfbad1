package io.sluice.activities.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.workflows.deployment.DeploymentActivities;
import io.sluice.workflows.deployment.DeploymentActivities.StackRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CloudFormation as AWS runs it where moto differs: moto's stacks finish at once, so a stack is
 * never in progress when a change set is made for it; on AWS, CreateChangeSet then answers
 * ValidationError.
 */
@ExtendWith(LocalAwsExtension.class)
class CloudFormationStacksAwsBehaviourTest {
    private static final String STACK = "sluice-credit-risk-test";

    private AwsInterposer interposer;
    private AwsClients clients;
    private StackRequest request;

    @BeforeEach
    void start(LocalAws localAws) {
        interposer = AwsInterposer.start(localAws.awsEndpoint());
        clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EndpointName", "credit-risk");
        parameters.put("Stage", "test");
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0");
        parameters.put("ModelDataUrl", "s3://" + localAws.account("shared").artifactBucket() + "/models/model.tar.gz");
        parameters.put("ExecutionRoleArn", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution");
        parameters.put("SourceModelPackage", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1");
        parameters.put("WorkflowId", "deploy/credit-risk");
        parameters.put("ReleaseName", "credit-risk-test-v1-0a1b2c3d");
        request = new StackRequest("test", STACK, "deploy/credit-risk", parameters, Map.of("sluice:stage", "test"));
    }

    @AfterEach
    void stop() {
        clients.close();
        interposer.close();
    }

    @Test
    void apply_whileTheStackIsStillUpdating_waitsForTheUpdateInsteadOfFailingOnCreateChangeSet() {
        var stacks = new CloudFormationStacks(clients);
        var first = stacks.apply(request, "run-1");
        Rule updating = interposer.when(request -> request.is("cloudformation", "DescribeStacks")).times(2)
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replaceFirst("<StackStatus>[A-Z_]+</StackStatus>", "<StackStatus>UPDATE_IN_PROGRESS</StackStatus>")));
        Rule refused = interposer.when(request -> request.is("cloudformation", "CreateChangeSet") && updating.hits() < 2)
                .answer(inProgress(first.stackId()));

        var again = stacks.apply(request, "run-1");

        assertThat(refused.hits()).isZero();
        assertThat(updating.hits()).isEqualTo(2);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.stackId()).isEqualTo(first.stackId());
        assertThat(again.outputs()).containsKey("EndpointName");
    }

    @Test
    void apply_whenAnotherUpdateStartsBeforeTheChangeSet_failsRetryably() {
        var stacks = new CloudFormationStacks(clients);
        var first = stacks.apply(request, "run-1");
        interposer.when(request -> request.is("cloudformation", "CreateChangeSet")).times(1).answer(inProgress(first.stackId()));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> stacks.apply(request, "run-1"));

        assertThat(failure.getType()).isEqualTo("sluice.ConcurrentModification");
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).contains("is in UPDATE_IN_PROGRESS state and can not be updated");
    }

    @Test
    void apply_whenTheUpdateCannotBeRolledBack_failsNamingTheStuckStackInsteadOfReportingARollback() {
        var stacks = new CloudFormationStacks(clients);
        stacks.apply(request, "run-1");
        Rule executed = interposer.when(request -> request.is("cloudformation", "ExecuteChangeSet"));
        interposer.when(request -> request.is("cloudformation", "DescribeStacks") && executed.hits() > 0)
                .rewrite(reply -> reply.withBody(reply.bodyText().replaceFirst("<StackStatus>[A-Z_]+</StackStatus>",
                        "<StackStatus>UPDATE_ROLLBACK_FAILED</StackStatus><StackStatusReason>The following resource(s) failed "
                                + "to update: [Endpoint].</StackStatusReason>")));
        var parameters = new LinkedHashMap<>(request.parameters());
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.1");
        parameters.put("ReleaseName", "credit-risk-test-v1-9f8e7d6c");
        var update = new StackRequest("test", STACK, "deploy/credit-risk-2", parameters, request.tags());

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> stacks.apply(update, "run-2"));

        assertThat(executed.hits()).isEqualTo(1);
        assertThat(failure.getType()).isEqualTo("sluice.AwsJobFailed");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .startsWith("stack " + STACK + " ended UPDATE_ROLLBACK_FAILED: The following resource(s) failed to update: [Endpoint].")
                .contains("the previous endpoint may not be restored")
                .contains("ContinueUpdateRollback");
    }

    @Test
    void applyStack_cancelledWhileTheUpdateRuns_cancelsTheUpdateSoCloudFormationRestoresThePreviousRelease() throws Exception {
        new CloudFormationStacks(clients).apply(request, "run-1");
        Rule executed = interposer.when(request -> request.is("cloudformation", "ExecuteChangeSet"));
        interposer.when(request -> request.is("cloudformation", "DescribeStacks") && executed.hits() > 0)
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replaceFirst("<StackStatus>[A-Z_]+</StackStatus>", "<StackStatus>UPDATE_IN_PROGRESS</StackStatus>")));
        Rule cancelled = interposer.when(request -> request.is("cloudformation", "CancelUpdateStack")
                        && request.bodyText().contains("StackName=" + STACK))
                .answer(AwsReply.queryEmpty("CancelUpdateStack"));
        var parameters = new LinkedHashMap<>(request.parameters());
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.1");
        parameters.put("ReleaseName", "credit-risk-test-v1-9f8e7d6c");
        var update = new StackRequest("test", STACK, "deploy/credit-risk-2", parameters, request.tags());
        var environment = TestActivityEnvironment.newInstance();
        try {
            environment.registerActivitiesImplementations(new DeploymentActivitiesImpl(clients));
            DeploymentActivities activities = environment.newActivityStub(DeploymentActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(2)).build());
            var cancel = new Thread(() -> {
                try {
                    executed.awaitHit(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                environment.requestCancelActivity();
            });
            cancel.start();

            var failure = catchThrowable(() -> activities.applyStack(update));
            cancel.join();

            assertThat(failure).isNotNull();
            assertThat(cancelled.hits()).isEqualTo(1);
            assertThat(interposer.operations("cloudformation")).containsSubsequence("ExecuteChangeSet", "DescribeStacks",
                    "CancelUpdateStack");
        } finally {
            environment.close();
        }
    }

    @Test
    void apply_aNewPackageInANewRunOfTheSameWorkflow_movesTheEndpointToANewModelWithANewName() {
        var stacks = new CloudFormationStacks(clients);
        var first = stacks.apply(request, "run-1");
        var parameters = new LinkedHashMap<>(request.parameters());
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:2.0");
        parameters.put("SourceModelPackage", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2");
        parameters.put("ReleaseName", "credit-risk-test-v2-4e5f6a7b");
        var second = new StackRequest("test", STACK, request.workflowId(), parameters, request.tags());

        var updated = stacks.apply(second, "run-2");

        assertThat(updated.succeeded()).isTrue();
        assertThat(updated.stackId()).isEqualTo(first.stackId());
        assertThat(first.outputs()).containsEntry("ModelName", "credit-risk-test-v1-0a1b2c3d");
        assertThat(updated.outputs()).containsEntry("ModelName", "credit-risk-test-v2-4e5f6a7b")
                .containsEntry("EndpointConfigName", "credit-risk-test-v2-4e5f6a7b");
        var sageMaker = clients.client("test", io.sluice.activities.aws.AwsServices.SAGEMAKER);
        String config = sageMaker.describeEndpoint(describe -> describe.endpointName("credit-risk")).endpointConfigName();
        assertThat(config).isEqualTo("credit-risk-test-v2-4e5f6a7b");
        assertThat(sageMaker.describeModel(describe -> describe.modelName("credit-risk-test-v2-4e5f6a7b")).primaryContainer().image())
                .endsWith("credit-risk-xgboost:2.0");
        var stack = clients.client("test", io.sluice.activities.aws.AwsServices.CLOUDFORMATION)
                .describeStacks(describe -> describe.stackName(STACK)).stacks().get(0);
        assertThat(stack.parameters()).anySatisfy(parameter -> {
            assertThat(parameter.parameterKey()).isEqualTo("SourceModelPackage");
            assertThat(parameter.parameterValue()).endsWith("credit-risk/2");
        });
    }

    @Test
    void apply_aNewPackageUnderTheSameModelName_isRefusedAndRolledBackAsAwsRefusesReplacingACustomNamedResource() {
        var stacks = new CloudFormationStacks(clients);
        stacks.apply(request, "run-1");
        var parameters = new LinkedHashMap<>(request.parameters());
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:2.0");
        var sameName = new StackRequest("test", STACK, request.workflowId(), parameters, request.tags());

        var refused = stacks.apply(sameName, "run-2");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(refused.failedResource()).isEqualTo("Model");
        assertThat(refused.reason()).contains("custom-named resource requires replacing", "credit-risk-test-v1-0a1b2c3d");
        assertThat(clients.client("test", io.sluice.activities.aws.AwsServices.SAGEMAKER)
                .describeModel(describe -> describe.modelName("credit-risk-test-v1-0a1b2c3d")).primaryContainer().image())
                .endsWith("credit-risk-xgboost:1.0");
    }

    @Test
    void apply_whenCloudFormationFindsNothingToChange_deletesTheFailedChangeSetAndLeavesTheStack() {
        var stacks = new CloudFormationStacks(clients);
        var first = stacks.apply(request, "run-1");
        int executedBefore = (int) interposer.operations("cloudformation").stream().filter("ExecuteChangeSet"::equals).count();
        interposer.when(request -> request.is("cloudformation", "DescribeChangeSet"))
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replaceFirst("<Status>[A-Z_]+</Status>", "<Status>FAILED</Status><StatusReason>The submitted information "
                                + "didn't contain changes. Submit different information to create a change set.</StatusReason>")
                        .replaceFirst("<ExecutionStatus>[A-Z_]+</ExecutionStatus>", "<ExecutionStatus>UNAVAILABLE</ExecutionStatus>")));

        var again = stacks.apply(request, "run-2");

        assertThat(again.succeeded()).isTrue();
        assertThat(again.stackId()).isEqualTo(first.stackId());
        assertThat(again.changes()).isEmpty();
        List<String> operations = interposer.operations("cloudformation");
        assertThat(operations.stream().filter("ExecuteChangeSet"::equals).count()).isEqualTo(executedBefore);
        assertThat(operations).contains("DeleteChangeSet");
        var left = clients.client("test", io.sluice.activities.aws.AwsServices.CLOUDFORMATION)
                .listChangeSets(list -> list.stackName(STACK)).summaries();
        assertThat(left).extracting(summary -> summary.statusAsString()).doesNotContain("FAILED");
        assertThat(left).hasSizeLessThanOrEqualTo(1);
    }

    /** CloudFormation's answer to CreateChangeSet for a stack with an operation in progress. */
    private static AwsReply inProgress(String stackId) {
        return AwsReply.queryError(400, "ValidationError",
                "Stack:" + stackId + " is in UPDATE_IN_PROGRESS state and can not be updated.");
    }
}
