package io.sluice.activities.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.deployment.DeploymentActivities;
import io.sluice.workflows.deployment.DeploymentActivities.GrantRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared package group's resource policy that lets the stage accounts create models from its packages. */
@ExtendWith(LocalAwsExtension.class)
class StageAccountGrantTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNERS_STATEMENT = """
            {"Sid":"OwnersAuditors","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::100000000001:root"},\
            "Action":"sagemaker:DescribeModelPackageGroup","Resource":"*"}""";

    private TestActivityEnvironment environment;
    private AwsClients clients;
    private DeploymentActivities deployment;

    @BeforeEach
    void start(LocalAws localAws) {
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new DeploymentActivitiesImpl(clients));
        deployment = environment.newActivityStub(DeploymentActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).setDoNotRetry(FailureType.nonRetryableTypes()).build())
                .build());
    }

    @AfterEach
    void close() {
        environment.close();
        clients.close();
    }

    @Test
    void grantAccess_mergesTheStageStatementIntoTheGroupsPolicyAndKeepsTheOwnersStatements() throws Exception {
        var sageMaker = clients.client("shared", AwsServices.SAGEMAKER);
        sageMaker.createModelPackageGroup(create -> create.modelPackageGroupName("grant-merge"));
        sageMaker.putModelPackageGroupPolicy(put -> put.modelPackageGroupName("grant-merge")
                .resourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + OWNERS_STATEMENT + "]}"));

        var first = deployment.grantAccess(new GrantRequest("shared", "grant-merge", List.of("test", "prod")));
        var second = deployment.grantAccess(new GrantRequest("shared", "grant-merge", List.of("prod", "test")));

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).as("the second grant finds the policy already saying so").isFalse();
        JsonNode policy = JSON.readTree(sageMaker.getModelPackageGroupPolicy(get -> get.modelPackageGroupName("grant-merge"))
                .resourcePolicy());
        List<String> sids = new ArrayList<>();
        policy.path("Statement").forEach(statement -> sids.add(statement.path("Sid").asText()));
        assertThat(sids).containsExactly("OwnersAuditors", DeploymentActivitiesImpl.STAGE_STATEMENT);
        JsonNode stage = policy.path("Statement").get(1);
        assertThat(JSON.convertValue(stage.path("Principal").path("AWS"), List.class))
                .containsExactly("arn:aws:iam::100000000005:root", "arn:aws:iam::100000000006:root");
        assertThat(JSON.convertValue(stage.path("Action"), List.class)).contains("sagemaker:CreateModel", "sagemaker:DescribeModelPackage");
        assertThat(JSON.convertValue(stage.path("Resource"), List.class)).containsExactly(
                "arn:aws:sagemaker:us-east-1:100000000004:model-package-group/grant-merge",
                "arn:aws:sagemaker:us-east-1:100000000004:model-package/grant-merge/*");
    }

    @Test
    void grantAccess_onAGroupThatDoesNotExist_failsNamingTheGroup() {
        var failure = catchThrowableOfType(ActivityFailure.class,
                () -> deployment.grantAccess(new GrantRequest("shared", "no-such-group", List.of("test", "prod"))));

        assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) failure.getCause()).getOriginalMessage()).contains("no-such-group");
    }
}
