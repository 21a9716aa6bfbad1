package io.sluice.activities.aws;

import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.AwsAccount;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import static org.assertj.core.api.Assertions.assertThat;

/** Role sessions named and tagged after the run and step that calls, as CloudTrail shows them. */
@ExtendWith(LocalAwsExtension.class)
class RunSessionsTest {
    static LocalAws aws;
    static RunSessions sessionsUnderTest;

    @Test
    void inAnActivity_theSessionIsTheRuns_outsideItTheWorkers(LocalAws localAws) {
        aws = localAws;
        var account = new AwsAccount("dev", localAws.account("dev").id(), localAws.account("dev").workerRoleArn());
        try (var sts = sts(StaticCredentialsProvider.create(LocalAws.WORKER_IDENTITY));
                var sessions = new RunSessions(sts, account);
                var environment = TestWorkflowEnvironment.newInstance()) {
            sessionsUnderTest = sessions;
            var worker = environment.newWorker("sessions");
            worker.registerWorkflowImplementationTypes(CallerWorkflow.Impl.class);
            worker.registerActivitiesImplementations(new CallerActivity.Impl());
            environment.start();
            CallerWorkflow run = environment.getWorkflowClient().newWorkflowStub(CallerWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("sessions").setWorkflowId("build/credit-risk/2026-12-06").build());

            String inActivity = run.call();

            assertThat(inActivity).isEqualTo("arn:aws:sts::100000000003:assumed-role/SluiceWorker/"
                    + RunSessions.sessionName("build/credit-risk/2026-12-06"));
            assertThat(RunSessions.sessionName("build/credit-risk/2026-12-06")).startsWith("sluice-build-credit-risk-2026-12-06-")
                    .hasSizeLessThanOrEqualTo(64);
            assertThat(caller(sessions)).endsWith("/sluice-dev");
        }
    }

    @Test
    void sessionNamesAndTagValues_stayWithinWhatStsAccepts() {
        String longId = "promote/arn:aws:sagemaker:us-east-1:100000000003:model-package/a-very-long-model-package-group-name/12";
        assertThat(RunSessions.sessionName(longId)).matches("[\\w+=,.@-]{2,64}");
        assertThat(RunSessions.sessionName(longId)).isNotEqualTo(RunSessions.sessionName(longId + "3"));
        assertThat(RunSessions.tagValue(longId)).isEqualTo(longId);
        assertThat(RunSessions.tagValue("a#b")).isEqualTo("a_b");
        assertThat(RunSessions.sourceIdentity("jane@example.com")).isEqualTo("jane@example.com");
        assertThat(RunSessions.sourceIdentity("J\u00f6rg M\u00fcller")).matches("[\\w+=,.@-]{2,64}");
    }

    static String caller(AwsCredentialsProvider credentials) {
        try (var sts = sts(credentials)) {
            return sts.getCallerIdentity().arn();
        }
    }

    static StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().region(Region.of(LocalAws.REGION)).endpointOverride(aws.awsEndpoint())
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @WorkflowInterface
    public interface CallerWorkflow {
        @WorkflowMethod
        String call();

        final class Impl implements CallerWorkflow {
            @Override
            public String call() {
                var caller = Workflow.newActivityStub(CallerActivity.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
                String before = caller.whoAmI();
                String after = caller.whoAmIAfterApproval();
                return before.equals(after) ? before : before + " / " + after;
            }
        }
    }

    @ActivityInterface(namePrefix = "Caller")
    public interface CallerActivity {
        @ActivityMethod
        String whoAmI();

        @ActivityMethod
        String whoAmIAfterApproval();

        final class Impl implements CallerActivity {
            @Override
            public String whoAmI() {
                return caller(sessionsUnderTest);
            }

            @Override
            public String whoAmIAfterApproval() {
                return CallAttribution.withApprovers(List.of("jane@example.com"), () -> caller(sessionsUnderTest));
            }
        }
    }
}
