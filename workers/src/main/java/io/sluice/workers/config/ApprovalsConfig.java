package io.sluice.workers.config;

import io.sluice.activities.approval.ApprovalSettings;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.Gates;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code approvals:} section: the policy of every gate, and where reminders are posted.
 *
 * @param gates one entry per gate of {@link Gates#ALL}, each with its approvers
 * @param webhookUrl receives every reminder as a JSON POST; empty for log lines only
 */
public record ApprovalsConfig(Map<String, GateConfig> gates, String webhookUrl) {
    public ApprovalsConfig {
        if (gates == null) {
            throw new IllegalArgumentException("gates is missing; expected " + Gates.ALL + ", each with its approvers");
        }
        List<String> missing = new ArrayList<>(Gates.ALL);
        missing.removeAll(gates.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("gates: missing " + missing + "; every gate " + Gates.ALL + " needs its approvers");
        }
        gates.forEach((name, gate) -> {
            if (!Gates.ALL.contains(name)) {
                throw new IllegalArgumentException("gates." + name + " is not a gate; expected one of " + Gates.ALL);
            }
            if (gate == null) {
                throw new IllegalArgumentException("gates." + name + " is empty; expected approvers");
            }
            try {
                gate.toPolicy();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gates." + name + "." + e.getMessage(), e);
            }
        });
        gates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gates));
        webhookUrl = webhookUrl == null ? "" : webhookUrl;
        if (!webhookUrl.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(webhookUrl);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("webhookUrl '" + webhookUrl + "' is not an http(s) URL; expected e.g. "
                        + "https://hooks.example.com/sluice");
            }
        }
    }

    /** What the approval activities need. */
    public ApprovalSettings toSettings() {
        Map<String, GatePolicy> policies = new LinkedHashMap<>();
        gates.forEach((name, gate) -> policies.put(name, gate.toPolicy()));
        return new ApprovalSettings(policies, webhookUrl);
    }
}
