package io.sluice.activities.deployment;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.PeriodicHeartbeat;
import io.sluice.activities.aws.S3Objects;
import io.sluice.activities.build.local.LabeledData;
import io.sluice.activities.build.local.Metrics;
import io.sluice.activities.build.local.ModelArchive;
import io.sluice.activities.build.local.XgboostTrainer;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.deployment.IntegrationTestActivities;
import io.sluice.workflows.deployment.IntegrationTestSpec;
import io.sluice.workflows.deployment.TestMode;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Integration tests of an endpoint (see {@link IntegrationTestActivities}). Requests are the
 * payloads and the test set's feature columns; each prediction must parse as a number in range.
 */
public final class IntegrationTestActivitiesImpl implements IntegrationTestActivities {
    /** Well within the test step's heartbeat timeout, however slowly the endpoint answers. */
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);

    private final AwsClients clients;
    private final S3Objects s3;

    @Inject
    public IntegrationTestActivitiesImpl(AwsClients clients) {
        this.clients = clients;
        this.s3 = new S3Objects(clients);
    }

    /** Scores one request body: returns the response body, or throws. */
    interface Predictor {
        String predict(String body);
    }

    @Override
    public TestReport run(TestRequest request) {
        try (var heartbeat = PeriodicHeartbeat.ofCurrentActivity("testing endpoint " + request.endpointName(), HEARTBEAT_EVERY)) {
            return test(request, heartbeat);
        }
    }

    private TestReport test(TestRequest request, PeriodicHeartbeat heartbeat) {
        IntegrationTestSpec spec = request.spec();
        List<String> bodies = new ArrayList<>(spec.payloads());
        if (!spec.payloadsUri().isEmpty()) {
            read(spec.dataAccount(), spec.payloadsUri()).lines().filter(line -> !line.isBlank()).forEach(bodies::add);
        }
        LabeledData labelled = null;
        List<String> labelledBodies = List.of();
        String metric = spec.metric().isEmpty() ? (spec.testSetUri().isEmpty() ? "none" : "auc") : spec.metric();
        if (!metric.equals("none") && !spec.testSetUri().isEmpty()) {
            String csv = readTestSet(spec.testSetAccount(), spec.testSetUri());
            labelled = LabeledData.parse(csv);
            labelledBodies = csv.lines().filter(line -> !line.isBlank()).map(line -> line.substring(line.indexOf(',') + 1)).toList();
        }
        Predictor predictor = spec.mode() == TestMode.local ? localPredictor(request) : endpointPredictor(request);
        List<Double> latencies = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int successes = 0;
        int outOfRange = 0;
        List<String> all = new ArrayList<>(bodies);
        all.addAll(labelledBodies);
        float[] scores = new float[labelledBodies.size()];
        for (int i = 0; i < all.size(); i++) {
            if (i % 100 == 0) {
                heartbeat.progress("testing endpoint " + request.endpointName() + ": request " + (i + 1) + " of " + all.size());
            }
            long started = System.nanoTime();
            try {
                String response = predictor.predict(all.get(i));
                latencies.add((System.nanoTime() - started) / 1e6);
                double value = Double.parseDouble(response.strip().split("[,\\s]+")[0]);
                successes++;
                if (value < spec.expectedMin() || value > spec.expectedMax()) {
                    outOfRange++;
                }
                if (i >= bodies.size()) {
                    scores[i - bodies.size()] = (float) value;
                }
            } catch (RuntimeException e) {
                latencies.add((System.nanoTime() - started) / 1e6);
                if (failures.size() < 5) {
                    failures.add("request " + (i + 1) + " failed: " + e.getMessage());
                }
            }
        }
        int invocations = all.size();
        double successRate = invocations == 0 ? 0 : successes / (double) invocations;
        double p50 = percentile(latencies, 0.50);
        double p95 = percentile(latencies, 0.95);
        double metricValue = 0;
        if (labelled != null && successes == invocations) {
            metricValue = metric.equals("auc") ? Metrics.auc(labelled.labels(), scores) : 1 - Metrics.error(labelled.labels(), scores);
        }
        List<String> checks = new ArrayList<>();
        if (!metric.equals("none") && labelled == null) {
            checks.add("metric " + metric + " cannot be computed: no labelled test set (the package's lineage records no test"
                    + " split and integrationTests.testSetUri is empty); set integrationTests.metric: none to test without a"
                    + " quality bar");
        }
        if (labelled != null && successes < invocations) {
            checks.add("metric " + metric + " cannot be computed: " + (invocations - successes) + " request(s) failed");
        }
        if (successRate < spec.minSuccessRate()) {
            checks.add(String.format(Locale.ROOT, "success rate %.3f is below %.3f", successRate, spec.minSuccessRate()));
        }
        if (p95 > spec.maxP95LatencyMs()) {
            checks.add(String.format(Locale.ROOT, "p95 latency %.1f ms is above %.1f ms", p95, spec.maxP95LatencyMs()));
        }
        if (outOfRange > 0) {
            checks.add(outOfRange + " prediction(s) outside [" + spec.expectedMin() + ", " + spec.expectedMax() + "]");
        }
        if (labelled != null && successes == invocations && !(metricValue >= spec.threshold())) {
            checks.add(String.format(Locale.ROOT, "%s %.4f is below %s", metric, metricValue, spec.threshold()));
        }
        checks.addAll(failures);
        if (invocations == 0) {
            checks.add(0, "nothing was sent");
        }
        boolean passed = checks.isEmpty();
        return new TestReport(passed, invocations, successes, successRate, p50, p95, outOfRange, metric, metricValue,
                labelled == null ? 0 : labelled.rows(), checks,
                labelled == null ? "" : spec.testSetUri());
    }

    private Predictor localPredictor(TestRequest request) {
        if (request.modelDataUrl().isEmpty()) {
            throw FailureType.INVALID_INPUT.failure("local integration tests need the package's model data; the package has none");
        }
        byte[] archive = s3.read(request.modelAccount(), S3Uri.parse(request.modelDataUrl()));
        byte[] model = ModelArchive.unpack(archive).get(ModelArchive.XGBOOST_MODEL);
        if (model == null) {
            throw FailureType.INVALID_INPUT.failure(request.modelDataUrl() + " holds no " + ModelArchive.XGBOOST_MODEL);
        }
        return body -> {
            LabeledData row = LabeledData.parse("0," + body);
            return Float.toString(XgboostTrainer.score(model, row)[0]);
        };
    }

    private Predictor endpointPredictor(TestRequest request) {
        var runtime = clients.client(request.account(), AwsServices.SAGEMAKER_RUNTIME);
        var operation = new AwsOperation(clients.account(request.account()), "sagemaker-runtime", "InvokeEndpoint",
                "endpoint " + request.endpointName());
        return body -> {
            try {
                return runtime.invokeEndpoint(invoke -> invoke.endpointName(request.endpointName())
                        .contentType(request.spec().contentType()).body(SdkBytes.fromUtf8String(body))).body().asUtf8String();
            } catch (SdkException e) {
                throw new IllegalStateException(operation + ": " + e.getMessage(), e);
            }
        };
    }

    private String read(String account, String uri) {
        return new String(s3.read(account, S3Uri.parse(uri)), StandardCharsets.UTF_8);
    }

    /** A test set: one object, or every object under a prefix ending in {@code /}, in key order. */
    private String readTestSet(String account, String uri) {
        if (!uri.endsWith("/")) {
            return read(account, uri);
        }
        S3Uri prefix = S3Uri.parse(uri);
        var text = new StringBuilder();
        for (String key : s3.list(account, prefix)) {
            if (!key.endsWith("/")) {
                String part = new String(s3.read(account, new S3Uri(prefix.bucket(), key)), StandardCharsets.UTF_8);
                text.append(part);
                if (!part.isEmpty() && !part.endsWith("\n")) {
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    static double percentile(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
