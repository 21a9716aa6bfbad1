package io.sluice.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.client.config.TemporalConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.workflows.SluiceSearchAttributes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    @Test
    void metricsEndpoint_answersWithTheSdksMetrics() throws Exception {
        try (var temporal = LocalTemporal.startTestServer(FreePort.any(), SluiceSearchAttributes.ALL); var metrics = new WorkerMetrics()) {
            var profile = TemporalConnection.profile(TemporalConfig.plain(temporal.target(), "default"), Map.of());
            var stubs = TemporalConnection.connect(profile, Duration.ofSeconds(5), metrics.scope());
            try {
                stubs.blockingStub().getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
            } catch (RuntimeException unimplementedOnTheTestServer) {
                // Any request counts: the SDK records it whatever the answer.
            }
            int port = metrics.serve(0);
            Thread.sleep(100);

            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("temporal_request");
            stubs.shutdownNow();
        }
    }
}
