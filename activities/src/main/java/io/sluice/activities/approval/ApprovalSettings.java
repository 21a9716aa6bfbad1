package io.sluice.activities.approval;

import io.sluice.workflows.approval.GatePolicy;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval policies from config, by gate name, and where reminders are posted.
 *
 * @param gates the policy of each gate
 * @param webhookUrl a URL that receives each reminder as a JSON POST (Slack, Teams, a mail relay), or empty
 */
public record ApprovalSettings(Map<String, GatePolicy> gates, String webhookUrl) {
    public ApprovalSettings {
        gates = Map.copyOf(Objects.requireNonNull(gates, "gates is null"));
        Objects.requireNonNull(webhookUrl, "webhookUrl is null (use \"\" for none)");
    }

    public Optional<URI> webhook() {
        return webhookUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(webhookUrl));
    }
}
