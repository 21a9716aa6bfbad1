package io.sluice.activities.promotion.images;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate: Bearer realm="…",service="…",scope="…"} challenge: where to fetch a
 * token and what to ask it for.
 *
 * @param realm the token endpoint
 * @param parameters the other challenge parameters ({@code service}, {@code scope}), in the order given
 */
record BearerChallenge(URI realm, Map<String, String> parameters) {
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s,]*)");

    BearerChallenge {
        parameters = Map.copyOf(parameters);
    }

    /** The Bearer challenge among {@code wwwAuthenticate} header values, if there is one with a realm. */
    static Optional<BearerChallenge> parse(List<String> wwwAuthenticate) {
        for (String header : wwwAuthenticate) {
            String trimmed = header.trim();
            if (!trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                continue;
            }
            var parameters = new LinkedHashMap<String, String>();
            Matcher matcher = PARAMETER.matcher(trimmed.substring("bearer ".length()));
            while (matcher.find()) {
                String value = matcher.group(3) != null ? matcher.group(3).replaceAll("\\\\(.)", "$1") : matcher.group(2);
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
            }
            String realm = parameters.remove("realm");
            if (realm == null || realm.isEmpty()) {
                continue;
            }
            try {
                URI uri = URI.create(realm);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    continue;
                }
                return Optional.of(new BearerChallenge(uri, parameters));
            } catch (IllegalArgumentException e) {
                continue;
            }
        }
        return Optional.empty();
    }

    /** The token request: the realm with {@code service} and each space-separated {@code scope} as query parameters. */
    URI tokenUri() {
        var query = new StringBuilder();
        String service = parameters.get("service");
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        String scope = parameters.get("scope");
        if (scope != null) {
            for (String each : scope.trim().split("\\s+")) {
                if (!each.isEmpty()) {
                    query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(each));
                }
            }
        }
        if (query.length() == 0) {
            return realm;
        }
        String base = realm.toString();
        return URI.create(base + (realm.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
