package io.sluice.activities.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.approval.ApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gate policies from the worker's config; reminders to the log and the configured webhook. */
public final class ApprovalActivitiesImpl implements ApprovalActivities {
    private static final Logger log = LoggerFactory.getLogger(ApprovalActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final ApprovalSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();

    @Inject
    public ApprovalActivitiesImpl(ApprovalSettings settings) {
        this.settings = settings;
    }

    @Override
    public GatePolicy policy(PolicyRequest request) {
        GatePolicy policy = settings.gates().get(request.gate());
        if (policy == null) {
            throw FailureType.INVALID_INPUT.failure("no approval gate '" + request.gate()
                    + "' in config; add it under approvals.gates (gates configured: "
                    + new TreeSet<>(settings.gates().keySet()) + ")");
        }
        return policy;
    }

    @Override
    public ReminderSent remind(Reminder reminder) {
        String text = "Reminder " + reminder.number() + ": " + reminder.workflowId() + " awaits approval at gate '"
                + reminder.gate() + "' by one of " + reminder.approvers() + " before " + reminder.deadline()
                + " (requested by " + reminder.requester() + ")";
        log.info(text);
        var webhook = settings.webhook();
        if (webhook.isEmpty()) {
            return new ReminderSent(false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("workflowId", reminder.workflowId());
        body.put("gate", reminder.gate());
        body.put("reminder", reminder.number());
        body.put("approvers", reminder.approvers());
        body.put("requester", reminder.requester());
        body.put("deadline", reminder.deadline());
        body.put("context", reminder.context());
        int status;
        try {
            var request = HttpRequest.newBuilder(webhook.get())
                    .timeout(WEBHOOK_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (JsonProcessingException e) {
            throw FailureType.INVALID_INPUT.failure("reminder is not serialisable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw FailureType.WEBHOOK_FAILED.failure("reminder webhook " + webhook.get().getHost() + " unreachable: "
                    + e.getMessage() + "; retrying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailureType.WEBHOOK_FAILED.failure("interrupted posting the reminder", e);
        }
        if (status / 100 != 2) {
            throw FailureType.WEBHOOK_FAILED.failure("reminder webhook " + webhook.get().getHost() + " answered HTTP " + status
                    + "; retrying");
        }
        return new ReminderSent(true);
    }
}
