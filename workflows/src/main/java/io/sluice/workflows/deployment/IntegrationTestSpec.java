package io.sluice.workflows.deployment;

import java.util.List;

/**
 * {@code integrationTests:} of {@code deploy.yaml}: what the test endpoint must do before anyone is
 * asked to approve production.
 *
 * @param mode {@code sagemaker}: invoke the endpoint; {@code local}: score the package's
 *     {@code model.tar.gz} on the worker (the local stack's endpoints serve nothing)
 * @param payloads inline request bodies, e.g. CSV rows of features
 * @param payloadsUri an S3 object of request bodies, one per line, read as {@code dataAccount}
 * @param contentType the requests' content type (default text/csv)
 * @param testSetUri a labelled test set (CSV, no header, label first; an object, or a prefix ending in
 *     {@code /} whose objects are read in key order) for the quality metric; empty: the package's own
 *     held-out test split, from its lineage
 * @param dataAccount the account alias that reads payloadsUri and testSetUri (default shared)
 * @param minSuccessRate share of invocations that must succeed (default 1.0)
 * @param maxP95LatencyMs the 95th percentile latency allowed (default 1000)
 * @param expectedMin the smallest valid prediction (default 0)
 * @param expectedMax the largest valid prediction (default 1)
 * @param metric {@code auc} or {@code accuracy} on the test set: required, so the tests fail when no
 *     test set can be found; {@code none}: no quality bar; unset: auc when a test set is known
 * @param threshold the metric's bar (default 0.7)
 * @param testSetAccount the account alias that reads the test set (default dataAccount); the
 *     package's lineage sets it to the shared account that holds the promoted copy
 */
public record IntegrationTestSpec(TestMode mode, List<String> payloads, String payloadsUri, String contentType, String testSetUri,
        String dataAccount, Double minSuccessRate, Double maxP95LatencyMs, Double expectedMin, Double expectedMax, String metric,
        Double threshold, String testSetAccount) {
    public IntegrationTestSpec {
        mode = mode == null ? TestMode.sagemaker : mode;
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        payloadsUri = payloadsUri == null ? "" : payloadsUri.strip();
        contentType = contentType == null ? "text/csv" : contentType.strip();
        testSetUri = testSetUri == null ? "" : testSetUri.strip();
        dataAccount = dataAccount == null ? "shared" : dataAccount.strip();
        minSuccessRate = minSuccessRate == null ? 1.0 : minSuccessRate;
        maxP95LatencyMs = maxP95LatencyMs == null ? 1000.0 : maxP95LatencyMs;
        expectedMin = expectedMin == null ? 0.0 : expectedMin;
        expectedMax = expectedMax == null ? 1.0 : expectedMax;
        metric = metric == null ? "" : metric.strip();
        threshold = threshold == null ? 0.7 : threshold;
        testSetAccount = testSetAccount == null || testSetAccount.isBlank() ? dataAccount : testSetAccount.strip();
    }

    /** Checks every value, naming the field ({@code integrationTests.…}) that is wrong. */
    public void validate() {
        if (minSuccessRate < 0 || minSuccessRate > 1) {
            throw new IllegalArgumentException("integrationTests.minSuccessRate is " + minSuccessRate + "; expected 0 to 1");
        }
        if (expectedMin > expectedMax) {
            throw new IllegalArgumentException("integrationTests.expectedMin is above expectedMax");
        }
        if (!metric.isEmpty() && !metric.equals("auc") && !metric.equals("accuracy") && !metric.equals("none")) {
            throw new IllegalArgumentException("integrationTests.metric '" + metric + "' is not known; expected auc, accuracy or none");
        }
    }

    public IntegrationTestSpec(TestMode mode, List<String> payloads, String payloadsUri, String contentType, String testSetUri,
            String dataAccount, Double minSuccessRate, Double maxP95LatencyMs, Double expectedMin, Double expectedMax, String metric,
            Double threshold) {
        this(mode, payloads, payloadsUri, contentType, testSetUri, dataAccount, minSuccessRate, maxP95LatencyMs, expectedMin,
                expectedMax, metric, threshold, null);
    }

    /**
     * These tests scoring the package's own test split {@code uri}, read as {@code account}, when
     * the spec names no test set; unchanged otherwise.
     */
    public IntegrationTestSpec withLineageTestSplit(String uri, String account) {
        if (!testSetUri.isEmpty() || uri.isEmpty()) {
            return this;
        }
        return new IntegrationTestSpec(mode, payloads, payloadsUri, contentType, uri, dataAccount, minSuccessRate, maxP95LatencyMs,
                expectedMin, expectedMax, metric, threshold, account);
    }
}
