package io.sluice.client.config;

import java.net.URI;
import java.util.Map;

/**
 * The {@code local:} section, written by {@code sluice dev} for its local stack and never needed on
 * real AWS.
 *
 * @param awsEndpoint the endpoint every AWS client is sent to (moto), or empty for AWS
 * @param registries registry host by account id: where each account's ECR registry is served
 */
public record LocalConfig(String awsEndpoint, Map<String, String> registries) {
    public static final LocalConfig NONE = new LocalConfig(null, null);

    public LocalConfig {
        awsEndpoint = awsEndpoint == null ? "" : awsEndpoint;
        registries = registries == null ? Map.of() : Map.copyOf(registries);
        if (!awsEndpoint.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(awsEndpoint);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "awsEndpoint '" + awsEndpoint + "' is not a URL; expected e.g. http://127.0.0.1:5000");
            }
        }
        registries.forEach((accountId, host) -> {
            if (!accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("registries key '" + accountId + "' is not an account id; expected 12 digits");
            }
        });
    }
}
