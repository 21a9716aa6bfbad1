package io.sluice.activities.deployment;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.deployment.IntegrationTestActivities.TestReport;
import io.sluice.workflows.deployment.IntegrationTestActivities.TestRequest;
import io.sluice.workflows.deployment.IntegrationTestActivities;
import io.sluice.workflows.deployment.IntegrationTestSpec;
import io.sluice.workflows.deployment.TestMode;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The quality evidence of the integration tests: a metric the spec asks for is computed or the tests fail. */
@ExtendWith(LocalAwsExtension.class)
class IntegrationTestEvidenceTest {
    private AwsClients clients;
    private TestActivityEnvironment environment;
    private IntegrationTestActivities activities;
    private String bucket;

    @BeforeEach
    void start(LocalAws localAws) {
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        bucket = localAws.account("shared").artifactBucket();
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new IntegrationTestActivitiesImpl(clients));
        activities = environment.newActivityStub(IntegrationTestActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    }

    @AfterEach
    void stop() {
        environment.close();
        clients.close();
    }

    @Test
    void metricTheSpecNames_withoutAnyTestSet_failsTheTestsNamingWhy() {
        TestReport report = activities.run(request(tests("", "auc")));

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).anySatisfy(failure -> assertThat(failure)
                .startsWith("metric auc cannot be computed: no labelled test set")
                .contains("set integrationTests.metric: none"));
    }

    @Test
    void metricNone_asksForNoTestSet() {
        TestReport report = activities.run(request(tests("", "none")));

        assertThat(report.failures()).noneSatisfy(failure -> assertThat(failure).contains("cannot be computed"));
        assertThat(report.metric()).isEqualTo("none");
    }

    @Test
    void testSplitPrefix_isReadWholeAcrossItsParts() {
        var s3 = clients.client("shared", AwsServices.S3);
        s3.putObject(put -> put.bucket(bucket).key("models/v1/test-split/part-00000.csv"), RequestBody.fromString("1,0.5,2\n0,0.1,3\n"));
        s3.putObject(put -> put.bucket(bucket).key("models/v1/test-split/part-00001.csv"), RequestBody.fromString("1,0.7,1"));

        TestReport report = activities.run(request(tests("s3://" + bucket + "/models/v1/test-split/", "auc")));

        assertThat(report.labelledRows()).isEqualTo(3);
        assertThat(report.testSet()).isEqualTo("s3://" + bucket + "/models/v1/test-split/");
        assertThat(report.passed()).as("the endpoint does not exist, so the metric cannot be computed").isFalse();
        assertThat(report.failures()).anySatisfy(failure -> assertThat(failure).startsWith("metric auc cannot be computed: 3 request(s) failed"));
    }

    private static IntegrationTestSpec tests(String testSetUri, String metric) {
        return new IntegrationTestSpec(TestMode.sagemaker, List.of(), null, null, testSetUri, "shared", null, null, null, null, metric, 0.7);
    }

    private static TestRequest request(IntegrationTestSpec spec) {
        return new TestRequest("test", "no-such-endpoint", "", "shared", spec);
    }
}
