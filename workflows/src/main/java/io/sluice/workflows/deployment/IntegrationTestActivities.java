package io.sluice.workflows.deployment;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Objects;

/** Judges a deployed model by real predictions. */
@ActivityInterface(namePrefix = "IntegrationTests")
public interface IntegrationTestActivities {

    /**
     * Sends every payload (and every test-set row) to the endpoint, or in local mode scores them
     * with the model's {@code model.tar.gz} on the worker, and checks success rate, latency, the
     * predictions' range and, with a labelled test set, the quality metric.
     */
    TestReport run(TestRequest request);

    /**
     * @param account the stage's account alias (where the endpoint is)
     * @param endpointName the endpoint's real name
     * @param modelDataUrl the model served, for local mode
     * @param modelAccount the account alias that can read {@code modelDataUrl}
     */
    record TestRequest(String account, String endpointName, String modelDataUrl, String modelAccount, IntegrationTestSpec spec) {
        public TestRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(endpointName, "endpointName is null");
            Objects.requireNonNull(modelDataUrl, "modelDataUrl is null");
            Objects.requireNonNull(modelAccount, "modelAccount is null");
            Objects.requireNonNull(spec, "spec is null");
        }
    }

    /**
     * @param failures each check that failed, in words; empty when {@code passed}
     */
    /** @param testSet the labelled test set the metric was computed on, or empty */
    record TestReport(boolean passed, int invocations, int successes, double successRate, double p50LatencyMs,
            double p95LatencyMs, int outOfRange, String metric, double metricValue, int labelledRows, List<String> failures,
            String testSet) {
        public TestReport {
            failures = List.copyOf(failures);
            testSet = testSet == null ? "" : testSet;
        }

        /** A report without the test set's name, as reports were before it. */
        public TestReport(boolean passed, int invocations, int successes, double successRate, double p50LatencyMs,
                double p95LatencyMs, int outOfRange, String metric, double metricValue, int labelledRows, List<String> failures) {
            this(passed, invocations, successes, successRate, p50LatencyMs, p95LatencyMs, outOfRange, metric, metricValue,
                    labelledRows, failures, "");
        }

        /** Tests that were not run. */
        public static TestReport notRun() {
            return new TestReport(false, 0, 0, 0, 0, 0, 0, "", 0, 0, List.of("not run"), "");
        }
    }
}
