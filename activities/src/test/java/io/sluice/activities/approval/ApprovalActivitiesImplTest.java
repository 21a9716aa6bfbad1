package io.sluice.activities.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.workflows.approval.ApprovalActivities.PolicyRequest;
import io.sluice.workflows.approval.ApprovalActivities.Reminder;
import io.sluice.workflows.approval.GatePolicy;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalActivitiesImplTest {
    static final GatePolicy MODEL = new GatePolicy(List.of("lead-ds@example.com"), 1, false, Duration.ofDays(7), Duration.ofDays(1));
    static final Reminder REMINDER = new Reminder("build/credit-risk/1", "model-approval", 2, List.of("lead-ds@example.com"),
            "data-scientist@example.com", "2026-11-29T10:00:00Z", Map.of("auc", "0.91"));

    private HttpServer webhook;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hooks/sluice", exchange -> {
            received.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void policy_returnsTheConfiguredGate() {
        var activities = new ApprovalActivitiesImpl(new ApprovalSettings(Map.of("model-approval", MODEL), ""));

        assertThat(activities.policy(new PolicyRequest("model-approval"))).isEqualTo(MODEL);
    }

    @Test
    void policy_ofAnUnconfiguredGate_failsWithoutRetryNamingTheConfiguredOnes() {
        var activities = new ApprovalActivitiesImpl(new ApprovalSettings(Map.of("model-approval", MODEL), ""));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.policy(new PolicyRequest("prod-gate")));

        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getType()).isEqualTo("sluice.InvalidInput");
        assertThat(failure.getOriginalMessage()).contains("no approval gate 'prod-gate'", "[model-approval]");
    }

    @Test
    void remind_postsTheReminderToTheWebhook() {
        var activities = new ApprovalActivitiesImpl(new ApprovalSettings(Map.of(), webhookUrl()));

        var sent = activities.remind(REMINDER);

        assertThat(sent.webhookCalled()).isTrue();
        assertThat(received).singleElement().satisfies(body -> {
            assertThat(body.get("workflowId").asText()).isEqualTo("build/credit-risk/1");
            assertThat(body.get("gate").asText()).isEqualTo("model-approval");
            assertThat(body.get("reminder").asInt()).isEqualTo(2);
            assertThat(body.get("approvers").get(0).asText()).isEqualTo("lead-ds@example.com");
            assertThat(body.get("context").get("auc").asText()).isEqualTo("0.91");
            assertThat(body.get("text").asText()).contains("awaits approval at gate 'model-approval'");
        });
    }

    @Test
    void remind_whenTheWebhookFails_raisesARetryableFailure() {
        status = 503;
        var activities = new ApprovalActivitiesImpl(new ApprovalSettings(Map.of(), webhookUrl()));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.remind(REMINDER));

        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getType()).isEqualTo("sluice.WebhookFailed");
        assertThat(failure.getOriginalMessage()).contains("answered HTTP 503");
    }

    @Test
    void remind_withoutAWebhook_onlyLogs() {
        var activities = new ApprovalActivitiesImpl(new ApprovalSettings(Map.of(), ""));

        assertThat(activities.remind(REMINDER).webhookCalled()).isFalse();
        assertThat(received).isEmpty();
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/sluice";
    }
}
