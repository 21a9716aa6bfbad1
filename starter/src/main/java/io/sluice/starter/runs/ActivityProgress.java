package io.sluice.starter.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each pending activity of a run in words: whether a worker has it, its attempt and last failure,
 * and what it last heartbeated (the job it waits on and its status, a multipart copy as a progress bar).
 */
final class ActivityProgress {
    private static final int BAR = 20;

    private ActivityProgress() {}

    static List<String> of(WorkflowExecutionDescription description, WorkflowClient client) {
        List<String> lines = new ArrayList<>();
        for (var pending : description.getRawDescription().getPendingActivitiesList()) {
            lines.add(line(pending, client.getOptions().getDataConverter()));
        }
        return lines;
    }

    /**
     * One pending activity: {@code <type>: retrying: <last failure>, attempt N} once an attempt has
     * failed, else its state; then what it last heartbeated.
     */
    static String line(PendingActivityInfo pending, DataConverter converter) {
        String line = pending.getActivityType().getName() + ": ";
        if (pending.getAttempt() > 1 && pending.hasLastFailure()) {
            line += "retrying: " + pending.getLastFailure().getMessage() + ", attempt " + pending.getAttempt();
        } else {
            line += stateOf(pending);
        }
        if (pending.hasHeartbeatDetails() && pending.getHeartbeatDetails().getPayloadsCount() > 0) {
            line += "; " + heartbeatOf(pending, converter);
        }
        return line;
    }

    private static String stateOf(PendingActivityInfo pending) {
        String state = switch (pending.getState()) {
            case PENDING_ACTIVITY_STATE_SCHEDULED -> "waiting for a worker";
            case PENDING_ACTIVITY_STATE_STARTED -> "started";
            case PENDING_ACTIVITY_STATE_CANCEL_REQUESTED -> "cancel requested";
            default -> pending.getState().name().replace("PENDING_ACTIVITY_STATE_", "").toLowerCase(java.util.Locale.ROOT);
        };
        return pending.getAttempt() > 1 ? state + " (attempt " + pending.getAttempt() + ")" : state;
    }

    private static String heartbeatOf(PendingActivityInfo pending, DataConverter converter) {
        try {
            return describe(converter.fromPayloads(0, Optional.of(pending.getHeartbeatDetails()),
                    JsonNode.class, JsonNode.class));
        } catch (RuntimeException unreadable) {
            return "(details not readable here)";
        }
    }

    private static String describe(JsonNode details) {
        if (details.isTextual()) {
            return details.asText();
        }
        if (details.has("kind") && details.has("name") && details.has("status")) {
            return details.get("kind").asText() + " " + details.get("name").asText() + ": " + details.get("status").asText();
        }
        if (details.has("parts") && details.has("partCount") && details.get("partCount").asInt() > 0) {
            int done = details.get("parts").size();
            int total = details.get("partCount").asInt();
            int filled = done * BAR / total;
            return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done + "/" + total + " parts of "
                    + details.path("targetUri").asText();
        }
        return details.toString();
    }
}
