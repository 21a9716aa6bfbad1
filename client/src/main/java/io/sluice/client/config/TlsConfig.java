package io.sluice.client.config;

/**
 * The {@code temporal.tls:} section for mutual TLS. All paths are PEM files; an empty path means
 * "not set".
 *
 * @param clientCert the client certificate (chain)
 * @param clientKey the client's PKCS#8 private key
 * @param serverCa the CA that signed the server's certificate; empty for the system trust store
 * @param serverName the name to verify the server's certificate against; empty for the target's host
 */
public record TlsConfig(String clientCert, String clientKey, String serverCa, String serverName) {
    public static final TlsConfig NONE = new TlsConfig("", "", "", "");

    public TlsConfig {
        clientCert = clientCert == null ? "" : clientCert;
        clientKey = clientKey == null ? "" : clientKey;
        serverCa = serverCa == null ? "" : serverCa;
        serverName = serverName == null ? "" : serverName;
        if (clientCert.isEmpty() != clientKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "clientCert and clientKey go together; expected both PEM file paths or neither");
        }
    }

    public boolean enabled() {
        return !clientCert.isEmpty() || !serverCa.isEmpty() || !serverName.isEmpty();
    }
}
