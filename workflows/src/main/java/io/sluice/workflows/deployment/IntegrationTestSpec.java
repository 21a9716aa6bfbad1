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
 * @param testSetUri a labelled test set (CSV, no header, label first) for the quality metric, or empty
 * @param dataAccount the account alias that reads payloadsUri and testSetUri (default shared)
 * @param minSuccessRate share of invocations that must succeed (default 1.0)
 * @param maxP95LatencyMs the 95th percentile latency allowed (default 1000)
 * @param expectedMin the smallest valid prediction (default 0)
 * @param expectedMax the largest valid prediction (default 1)
 * @param metric {@code auc} or {@code accuracy} on the test set (default auc)
 * @param threshold the metric's bar (default 0.7)
 */
public record IntegrationTestSpec(String mode, List<String> payloads, String payloadsUri, String contentType, String testSetUri,
        String dataAccount, Double minSuccessRate, Double maxP95LatencyMs, Double expectedMin, Double expectedMax, String metric,
        Double threshold) {
    public IntegrationTestSpec {
        mode = mode == null ? "sagemaker" : mode.strip();
        if (!mode.equals("sagemaker") && !mode.equals("local")) {
            throw new IllegalArgumentException("integrationTests.mode '" + mode + "' is not known; expected sagemaker or local");
        }
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        payloadsUri = payloadsUri == null ? "" : payloadsUri.strip();
        contentType = contentType == null ? "text/csv" : contentType.strip();
        testSetUri = testSetUri == null ? "" : testSetUri.strip();
        if (payloads.isEmpty() && payloadsUri.isEmpty() && testSetUri.isEmpty()) {
            throw new IllegalArgumentException("integrationTests has nothing to send; expected payloads, payloadsUri or testSetUri");
        }
        dataAccount = dataAccount == null ? "shared" : dataAccount.strip();
        minSuccessRate = minSuccessRate == null ? 1.0 : minSuccessRate;
        if (minSuccessRate < 0 || minSuccessRate > 1) {
            throw new IllegalArgumentException("integrationTests.minSuccessRate is " + minSuccessRate + "; expected 0 to 1");
        }
        maxP95LatencyMs = maxP95LatencyMs == null ? 1000.0 : maxP95LatencyMs;
        expectedMin = expectedMin == null ? 0.0 : expectedMin;
        expectedMax = expectedMax == null ? 1.0 : expectedMax;
        if (expectedMin > expectedMax) {
            throw new IllegalArgumentException("integrationTests.expectedMin is above expectedMax");
        }
        metric = metric == null ? "auc" : metric.strip();
        if (!metric.equals("auc") && !metric.equals("accuracy")) {
            throw new IllegalArgumentException("integrationTests.metric '" + metric + "' is not known; expected auc or accuracy");
        }
        threshold = threshold == null ? 0.7 : threshold;
    }
}
