package io.sluice.client.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the bearer token a request to the codec server carries (the Web UI forwards the user's
 * token with "pass access token"): a JWT signed RS256/RS384/RS512 by a key of the configured OIDC
 * issuer's JWKS (found through its {@code /.well-known/openid-configuration}), issued by that
 * issuer, for the configured audience, and neither expired nor not yet valid.
 */
public final class BearerTokenVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
    private static final Map<String, String> ALGORITHMS = Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA",
            "RS512", "SHA512withRSA");

    private final String issuer;
    private final String audience;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Instant fetchedAt = Instant.EPOCH;

    public BearerTokenVerifier(String issuer, String audience) {
        this(issuer, audience, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    BearerTokenVerifier(String issuer, String audience, HttpClient http, Clock clock) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.audience = audience;
        this.http = http;
        this.clock = clock;
    }

    /** The issuer tokens must come from. */
    public String issuer() {
        return issuer;
    }

    /** Why the {@code Authorization} header {@code authorization} does not authorize, or empty when it does. */
    public Optional<String> refusal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("no bearer token; the Web UI must pass the user's access token");
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return Optional.of("the bearer token is not a JWT");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String algorithm = ALGORITHMS.get(header.path("alg").asText());
            if (algorithm == null) {
                return Optional.of("the token's algorithm '" + header.path("alg").asText() + "' is not one of " + ALGORITHMS.keySet());
            }
            PublicKey key = key(header.path("kid").asText());
            if (key == null) {
                return Optional.of("the token's key '" + header.path("kid").asText() + "' is not in " + issuer + "'s JWKS");
            }
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.of("the token's signature does not verify");
            }
            return claimsRefusal(claims);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return Optional.of("the bearer token cannot be read: " + e.getMessage());
        }
    }

    private Optional<String> claimsRefusal(JsonNode claims) {
        String tokenIssuer = claims.path("iss").asText();
        if (!(tokenIssuer.endsWith("/") ? tokenIssuer.substring(0, tokenIssuer.length() - 1) : tokenIssuer).equals(issuer)) {
            return Optional.of("the token was issued by '" + tokenIssuer + "', not " + issuer);
        }
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isArray() ? java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                .anyMatch(value -> value.asText().equals(audience)) : aud.asText().equals(audience);
        if (!forUs) {
            return Optional.of("the token is not for audience '" + audience + "'");
        }
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong() || Instant.ofEpochSecond(claims.path("exp").asLong()).plus(CLOCK_SKEW).isBefore(now)) {
            return Optional.of("the token has expired (or carries no exp)");
        }
        if (claims.has("nbf") && Instant.ofEpochSecond(claims.path("nbf").asLong()).minus(CLOCK_SKEW).isAfter(now)) {
            return Optional.of("the token is not valid yet");
        }
        return Optional.empty();
    }

    private PublicKey key(String kid) throws IOException, GeneralSecurityException {
        PublicKey known = keys.get(kid);
        if (known != null || Duration.between(fetchedAt, clock.instant()).compareTo(REFETCH_AFTER) < 0) {
            return known;
        }
        fetchedAt = clock.instant();
        JsonNode discovery = get(URI.create(issuer + "/.well-known/openid-configuration"));
        JsonNode jwks = get(URI.create(discovery.path("jwks_uri").asText()));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (JsonNode jwk : jwks.path("keys")) {
            if (jwk.path("kty").asText().equals("RSA")) {
                var spec = new RSAPublicKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText())));
                keys.put(jwk.path("kid").asText(), rsa.generatePublic(spec));
            }
        }
        return keys.get(kid);
    }

    private JsonNode get(URI uri) throws IOException {
        try {
            var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + uri, e);
        }
    }
}
