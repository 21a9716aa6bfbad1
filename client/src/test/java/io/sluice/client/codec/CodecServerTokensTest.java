package io.sluice.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codec server behind a bearer token of a locally issued OIDC provider (its discovery document and JWKS). */
class CodecServerTokensTest {
    static final String AUDIENCE = "temporal-ui";
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
    static final String DECODE_BODY = "{\"payloads\": []}";

    private HttpServer issuerServer;
    private String issuer;
    private KeyPair signing;
    private CodecServer codec;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signing = generator.generateKeyPair();
        issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
        RSAPublicKey publicKey = (RSAPublicKey) signing.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"n\":\"" + base64Url(unsigned(publicKey.getModulus()))
                + "\",\"e\":\"" + base64Url(unsigned(publicKey.getPublicExponent())) + "\"}]}";
        serve("/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}");
        serve("/jwks", jwks);
        issuerServer.start();
        codec = CodecServer.start("127.0.0.1", 0, AesGcmPayloadCodec.fromBase64("sluice-1", KEY), "http://127.0.0.1:8233",
                Optional.of(new BearerTokenVerifier(issuer, AUDIENCE)));
    }

    @AfterEach
    void stop() {
        codec.close();
        issuerServer.stop(0);
    }

    @Test
    void requestWithoutAToken_isRefused401() throws Exception {
        var response = decode(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no bearer token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void validToken_decodes() throws Exception {
        var response = decode(token(signing, "k1", issuer, AUDIENCE, Instant.now().plusSeconds(300)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void expiredOtherAudienceOtherIssuerOrForeignKey_areRefused() throws Exception {
        var other = KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);

        assertThat(decode(token(signing, "k1", issuer, AUDIENCE, Instant.now().minusSeconds(600))).body()).contains("expired");
        assertThat(decode(token(signing, "k1", issuer, "another-app", Instant.now().plusSeconds(300))).body())
                .contains("not for audience 'temporal-ui'");
        assertThat(decode(token(signing, "k1", "https://evil.example.com", AUDIENCE, Instant.now().plusSeconds(300))).body())
                .contains("issued by 'https://evil.example.com'");
        var forged = decode(token(other.generateKeyPair(), "k1", issuer, AUDIENCE, Instant.now().plusSeconds(300)));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("signature does not verify");
    }

    @Test
    void withoutTokens_onlyLoopbackIsAllowed() {
        assertThatThrownBy(() -> CodecServer.start("0.0.0.0", 0, AesGcmPayloadCodec.fromBase64("sluice-1", KEY),
                "http://127.0.0.1:8233", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would let anyone who reaches 0.0.0.0 read every payload");
    }

    private HttpResponse<String> decode(String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + codec.port() + "/decode"))
                .POST(HttpRequest.BodyPublishers.ofString(DECODE_BODY));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(KeyPair keys, String kid, String iss, String aud, Instant expires) throws Exception {
        String header = base64Url(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = base64Url(("{\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"sub\":\"jane\",\"exp\":"
                + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + base64Url(signature.sign());
    }

    private void serve(String path, String body) {
        issuerServer.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
