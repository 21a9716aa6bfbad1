package io.sluice.client.config;

import io.sluice.workflows.TaskQueues;
import java.util.Map;

/**
 * The {@code temporal:} section: where the cluster is and how to authenticate.
 *
 * @param target {@code host:port} of the frontend; empty: the profile's, else {@code 127.0.0.1:7233}
 * @param namespace the namespace; empty: the profile's, else {@code default}
 * @param taskQueue the task queue workers poll and clients start on (default {@code sluice})
 * @param profile a Temporal envconfig profile to start from (the {@code temporal} CLI's TOML and
 *     {@code TEMPORAL_*} variables), or empty; keys set here override it
 * @param tls mutual TLS files; absent for a plain connection
 * @param apiKeyEnv the environment variable holding an API key (Temporal Cloud), or empty; the
 *     key itself never goes in the file
 * @param payloadKeyEnv the environment variable holding a base64 AES-256 key that encrypts every
 *     payload (workers, CLI and codec server need the same key), or empty for plain payloads
 * @param payloadKeyCiphertext instead of {@code payloadKeyEnv}: an AWS KMS data key (AES-256) as
 *     KMS encrypted it, base64; decrypted at start by {@code payloadKeyAccount}'s role
 * @param payloadKeyAccount the account alias whose role may decrypt that data key (default shared)
 * @param payloadKeyId names that key in each payload, for rotation (default {@code sluice-1})
 * @param previousPayloadKeys keys that encrypted payloads before the current one, by key id, each
 *     {@code env:VARIABLE} (a base64 key in that variable) or {@code kms:CIPHERTEXT} (a KMS data key,
 *     decrypted by {@code payloadKeyAccount}'s role): payloads are written under the current key
 *     and read under whichever key wrote them, so rotating keys leaves in-flight runs readable
 * @param metricsPort the port a worker serves Prometheus metrics on ({@code /metrics}); 0 for none
 * @param stickyExecution whether workers ask the server to send a run's next workflow task to the
 *     worker that holds it in its cache (default true). Written false by {@code sluice dev} for the
 *     Java test server, which never moves a task off a dead worker's sticky queue.
 */
public record TemporalConfig(
        String target, String namespace, String taskQueue, String profile, TlsConfig tls, String apiKeyEnv,
        String payloadKeyEnv, String payloadKeyCiphertext, String payloadKeyAccount, String payloadKeyId,
        Map<String, String> previousPayloadKeys, Integer metricsPort, Boolean stickyExecution) {

    public static final String DEFAULT_TARGET = "127.0.0.1:7233";

    public TemporalConfig {
        target = target == null ? "" : target;
        if (!target.isEmpty() && !target.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new IllegalArgumentException("target '" + target + "' is not host:port; expected e.g. " + DEFAULT_TARGET
                    + " or my-namespace.a1b2c.tmprl.cloud:7233");
        }
        namespace = namespace == null ? "" : namespace;
        taskQueue = taskQueue == null ? TaskQueues.DEFAULT : taskQueue;
        profile = profile == null ? "" : profile;
        tls = tls == null ? TlsConfig.NONE : tls;
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv;
        payloadKeyEnv = payloadKeyEnv == null ? "" : payloadKeyEnv;
        if (!payloadKeyEnv.isEmpty() && !payloadKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("payloadKeyEnv '" + payloadKeyEnv
                    + "' is not an environment variable name; expected e.g. SLUICE_PAYLOAD_KEY (the key itself stays out of the file)");
        }
        payloadKeyCiphertext = payloadKeyCiphertext == null ? "" : payloadKeyCiphertext.strip();
        if (!payloadKeyEnv.isEmpty() && !payloadKeyCiphertext.isEmpty()) {
            throw new IllegalArgumentException("payloadKeyEnv and payloadKeyCiphertext are both set; expected one source of the payload key");
        }
        payloadKeyAccount = payloadKeyAccount == null ? "shared" : payloadKeyAccount;
        payloadKeyId = payloadKeyId == null ? "sluice-1" : payloadKeyId;
        previousPayloadKeys = previousPayloadKeys == null ? Map.of() : Map.copyOf(previousPayloadKeys);
        for (var entry : previousPayloadKeys.entrySet()) {
            if (entry.getKey().equals(payloadKeyId)) {
                throw new IllegalArgumentException("previousPayloadKeys." + entry.getKey() + " is the current payloadKeyId;"
                        + " expected only the ids of keys used before it");
            }
            String source = entry.getValue() == null ? "" : entry.getValue();
            if (!source.matches("env:[A-Za-z_][A-Za-z0-9_]*") && !source.matches("kms:[A-Za-z0-9+/=]+")) {
                throw new IllegalArgumentException("previousPayloadKeys." + entry.getKey() + " is '" + source
                        + "'; expected env:VARIABLE (a base64 key in that variable) or kms:CIPHERTEXT (a KMS data key)");
            }
        }
        metricsPort = metricsPort == null ? 0 : metricsPort;
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort is " + metricsPort + "; expected 0 (off) or a port number");
        }
        stickyExecution = stickyExecution == null ? Boolean.TRUE : stickyExecution;
        if (!apiKeyEnv.isEmpty() && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("apiKeyEnv '" + apiKeyEnv
                    + "' is not an environment variable name; expected e.g. TEMPORAL_API_KEY (the key itself stays out of the file)");
        }
    }

    /** Whether payloads are encrypted (a key from the environment or from KMS). */
    public boolean encryptsPayloads() {
        return !payloadKeyEnv.isEmpty() || !payloadKeyCiphertext.isEmpty();
    }

    /** Whether a payload key is decrypted with KMS: the current one, or one of the previous ones. */
    public boolean decryptsKeysWithKms() {
        return !payloadKeyCiphertext.isEmpty() || previousPayloadKeys.values().stream().anyMatch(source -> source.startsWith("kms:"));
    }

    /** A plain connection to {@code target}. */
    public static TemporalConfig plain(String target, String namespace) {
        return new TemporalConfig(target, namespace, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This connection with sticky execution off: for a server that cannot recover a dead worker's sticky queue. */
    public TemporalConfig withoutStickyExecution() {
        return new TemporalConfig(target, namespace, taskQueue, profile, tls, apiKeyEnv, payloadKeyEnv, payloadKeyCiphertext,
                payloadKeyAccount, payloadKeyId, previousPayloadKeys, metricsPort, false);
    }
}
