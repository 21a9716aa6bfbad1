package io.sluice.starter.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a run's running activities last heartbeated, in words; a multipart copy as a progress bar. */
final class ActivityProgress {
    private static final int BAR = 20;

    private ActivityProgress() {}

    static List<String> of(WorkflowExecutionDescription description, WorkflowClient client) {
        List<String> lines = new ArrayList<>();
        for (var pending : description.getRawDescription().getPendingActivitiesList()) {
            String name = pending.getActivityType().getName();
            if (!pending.hasHeartbeatDetails() || pending.getHeartbeatDetails().getPayloadsCount() == 0) {
                lines.add(name + ": started");
                continue;
            }
            JsonNode details;
            try {
                details = client.getOptions().getDataConverter().fromPayloads(0, Optional.of(pending.getHeartbeatDetails()),
                        JsonNode.class, JsonNode.class);
            } catch (RuntimeException unreadable) {
                lines.add(name + ": (details not readable here)");
                continue;
            }
            lines.add(name + ": " + describe(details));
        }
        return lines;
    }

    private static String describe(JsonNode details) {
        if (details.isTextual()) {
            return details.asText();
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
