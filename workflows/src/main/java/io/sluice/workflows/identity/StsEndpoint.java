package io.sluice.workflows.identity;

import java.net.URI;

/**
 * Where proofs of identity are signed for and sent: the regional STS endpoint of the configured
 * region, or the local stack's endpoint when the config overrides AWS's. Client and worker derive it
 * from the same config, so a proof signed for any other host never verifies.
 *
 * @param uri the endpoint, path {@code /}
 * @param region the region proofs are signed for
 */
public record StsEndpoint(URI uri, String region) {
    /** The only request a proof may be: its form-encoded body. */
    public static final String GET_CALLER_IDENTITY = "Action=GetCallerIdentity&Version=2011-06-15";

    /** The endpoint for {@code region}, or {@code endpointOverride} when it is not empty. */
    public static StsEndpoint of(String region, String endpointOverride) {
        if (!endpointOverride.isEmpty()) {
            URI override = URI.create(endpointOverride);
            return new StsEndpoint(override.resolve("/"), region);
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return new StsEndpoint(URI.create("https://sts." + region + "." + suffix + "/"), region);
    }

    /** The {@code Host} header a request to this endpoint carries: host, and port when not the scheme's default. */
    public String hostHeader() {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "https".equals(uri.getScheme()) && port == 443
                || "http".equals(uri.getScheme()) && port == 80;
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
