package io.sluice.client.config;

import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.identity.IdentityMode;
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
 * @param identity {@code proven} (default): a decision counts only with a proof of identity STS
 *     verified; {@code declared}: names are taken at their word and marked unverified (a sandbox)
 */
public record ApprovalsConfig(Map<String, GateConfig> gates, String webhookUrl, String identity) {
    public ApprovalsConfig {
        identity = identity == null || identity.isBlank() ? "proven" : identity.strip();
        if (!identity.equals("proven") && !identity.equals("declared")) {
            throw new IllegalArgumentException("identity is '" + identity + "'; expected proven (the default) or declared");
        }
        if (gates == null) {
            throw new IllegalArgumentException("gates is missing; expected " + Gates.ALL + ", each with its approvers");
        }
        List<String> missing = new ArrayList<>(Gates.ALL);
        missing.removeAll(gates.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("gates: missing " + missing + "; every gate " + Gates.ALL + " needs its approvers");
        }
        IdentityMode mode = mode(identity);
        gates.forEach((name, gate) -> {
            if (!Gates.ALL.contains(name)) {
                throw new IllegalArgumentException("gates." + name + " is not a gate; expected one of " + Gates.ALL);
            }
            if (gate == null) {
                throw new IllegalArgumentException("gates." + name + " is empty; expected approvers");
            }
            try {
                gate.toPolicy(mode);
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

    /** How gates learn who decides. */
    public IdentityMode identityMode() {
        return mode(identity);
    }

    /** The policy of each gate, by gate name. */
    public Map<String, GatePolicy> policies() {
        Map<String, GatePolicy> policies = new LinkedHashMap<>();
        gates.forEach((name, gate) -> policies.put(name, gate.toPolicy(identityMode())));
        return policies;
    }

    private static IdentityMode mode(String identity) {
        return identity.equals("declared") ? IdentityMode.DECLARED : IdentityMode.PROVEN;
    }
}
