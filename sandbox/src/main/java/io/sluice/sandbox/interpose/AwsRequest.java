package io.sluice.sandbox.interpose;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the {@link AwsInterposer} received, as the SDK sent it.
 *
 * @param method the HTTP method
 * @param path the raw path, without the query
 * @param query the raw query string, empty when there is none
 * @param headers the request headers, names in lower case
 * @param body the request body exactly as received
 */
public record AwsRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    public AwsRequest {
        headers = Map.copyOf(headers);
    }

    /**
     * The signing name of the service called ({@code sagemaker}, {@code states}, {@code s3}, …),
     * read from the SigV4 credential scope; empty for an unsigned request.
     */
    public String service() {
        Matcher scope = CREDENTIAL_SCOPE.matcher(header("authorization"));
        return scope.find() ? scope.group(1) : "";
    }

    /**
     * The operation: the part of {@code X-Amz-Target} after its dot (JSON protocols), else the
     * {@code Action} parameter (query protocol); empty for REST protocols, which rules tell by
     * {@link #method()} and {@link #path()}.
     */
    public String operation() {
        String target = header("x-amz-target");
        if (!target.isEmpty()) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        return parameter("Action");
    }

    /** Whether this is {@code operation} of {@code service}. */
    public boolean is(String service, String operation) {
        return service().equals(service) && operation().equals(operation);
    }

    /** The first value of the header, or empty. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A parameter of the query string or of a form-encoded body, decoded; empty when absent. */
    public String parameter(String name) {
        String value = formParameters(query).get(name);
        if (value == null && header("content-type").startsWith("application/x-www-form-urlencoded")) {
            value = formParameters(bodyText()).get(name);
        }
        return value == null ? "" : value;
    }

    private static Map<String, String> formParameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
