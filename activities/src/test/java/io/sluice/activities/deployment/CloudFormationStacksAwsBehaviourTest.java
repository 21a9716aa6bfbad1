package io.sluice.activities.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.workflows.deployment.DeploymentActivities.StackRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
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
        var first = stacks.apply(request);
        Rule updating = interposer.when(request -> request.is("cloudformation", "DescribeStacks")).times(2)
                .rewrite(reply -> reply.withBody(reply.bodyText()
                        .replaceFirst("<StackStatus>[A-Z_]+</StackStatus>", "<StackStatus>UPDATE_IN_PROGRESS</StackStatus>")));
        Rule refused = interposer.when(request -> request.is("cloudformation", "CreateChangeSet") && updating.hits() < 2)
                .answer(inProgress(first.stackId()));

        var again = stacks.apply(request);

        assertThat(refused.hits()).isZero();
        assertThat(updating.hits()).isEqualTo(2);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.stackId()).isEqualTo(first.stackId());
        assertThat(again.outputs()).containsKey("EndpointName");
    }

    @Test
    void apply_whenAnotherUpdateStartsBeforeTheChangeSet_failsRetryably() {
        var stacks = new CloudFormationStacks(clients);
        var first = stacks.apply(request);
        interposer.when(request -> request.is("cloudformation", "CreateChangeSet")).times(1).answer(inProgress(first.stackId()));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> stacks.apply(request));

        assertThat(failure.getType()).isEqualTo("sluice.ConcurrentModification");
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).contains("is in UPDATE_IN_PROGRESS state and can not be updated");
    }

    @Test
    void apply_whenTheUpdateCannotBeRolledBack_failsNamingTheStuckStackInsteadOfReportingARollback() {
        var stacks = new CloudFormationStacks(clients);
        stacks.apply(request);
        Rule executed = interposer.when(request -> request.is("cloudformation", "ExecuteChangeSet"));
        interposer.when(request -> request.is("cloudformation", "DescribeStacks") && executed.hits() > 0)
                .rewrite(reply -> reply.withBody(reply.bodyText().replaceFirst("<StackStatus>[A-Z_]+</StackStatus>",
                        "<StackStatus>UPDATE_ROLLBACK_FAILED</StackStatus><StackStatusReason>The following resource(s) failed "
                                + "to update: [Endpoint].</StackStatusReason>")));
        var parameters = new LinkedHashMap<>(request.parameters());
        parameters.put("Image", "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.1");
        var update = new StackRequest("test", STACK, "deploy/credit-risk-2", parameters, request.tags());

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> stacks.apply(update));

        assertThat(executed.hits()).isEqualTo(1);
        assertThat(failure.getType()).isEqualTo("sluice.AwsJobFailed");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .startsWith("stack " + STACK + " ended UPDATE_ROLLBACK_FAILED: The following resource(s) failed to update: [Endpoint].")
                .contains("the previous endpoint may not be restored")
                .contains("ContinueUpdateRollback");
    }

    /** CloudFormation's answer to CreateChangeSet for a stack with an operation in progress. */
    private static AwsReply inProgress(String stackId) {
        return AwsReply.queryError(400, "ValidationError",
                "Stack:" + stackId + " is in UPDATE_IN_PROGRESS state and can not be updated.");
    }
}
