package io.sluice.activities.promotion;

import java.net.URI;
import java.util.Map;

/**
 * Where each account's container registry answers: ECR's
 * {@code https://<account>.dkr.ecr.<region>.amazonaws.com}, unless config maps the account to
 * another host (the local stack's registries, over plain HTTP).
 *
 * @param overrides registry host ({@code host:port}) by account id
 */
public record RegistryEndpoints(Map<String, String> overrides) {
    public static final RegistryEndpoints ECR = new RegistryEndpoints(Map.of());

    public RegistryEndpoints {
        overrides = Map.copyOf(overrides);
    }

    public URI endpoint(String accountId, String region) {
        String override = overrides.get(accountId);
        return override != null ? URI.create("http://" + override)
                : URI.create("https://" + accountId + ".dkr.ecr." + region + ".amazonaws.com");
    }
}
