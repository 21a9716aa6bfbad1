package io.sluice.client.codec;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The codec endpoint the Temporal Web UI calls to show encrypted payloads: {@code POST /decode}
 * and {@code POST /encode} with {@code {"payloads": [...]}} in protobuf JSON, answering the same
 * shape. CORS is allowed for {@code allowedOrigin} (the UI's address) only. With a
 * {@link BearerTokenVerifier}, every encode and decode needs a valid bearer token of its issuer (401
 * otherwise); without one, it must listen on loopback only.
 */
public final class CodecServer implements AutoCloseable {
    private final HttpServer server;

    private CodecServer(HttpServer server) {
        this.server = server;
    }

    /** A server on loopback {@code host} that checks no token: only this machine's users reach it. */
    public static CodecServer start(String host, int port, PayloadCodec codec, String allowedOrigin) throws IOException {
        return start(host, port, codec, allowedOrigin, Optional.empty());
    }

    /**
     * @param tokens checks each request's bearer token; empty only when {@code host} is a loopback address
     * @throws IllegalArgumentException when {@code host} is not loopback and no token is checked
     */
    public static CodecServer start(String host, int port, PayloadCodec codec, String allowedOrigin,
            Optional<BearerTokenVerifier> tokens) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (tokens.isEmpty() && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the codec server would let anyone who reaches " + host
                    + " read every payload: listen on 127.0.0.1, or require tokens (--oidc-issuer, --audience)");
        }
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/decode", exchange -> handle(exchange, codec, false, allowedOrigin, tokens));
        server.createContext("/encode", exchange -> handle(exchange, codec, true, allowedOrigin, tokens));
        server.start();
        return new CodecServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, PayloadCodec codec, boolean encode, String allowedOrigin,
            Optional<BearerTokenVerifier> tokens) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", allowedOrigin);
            exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "X-Namespace, Content-Type, Authorization");
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST, OPTIONS");
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            var refusal = tokens.flatMap(verifier -> verifier.refusal(exchange.getRequestHeaders().getFirst("Authorization")));
            if (refusal.isPresent()) {
                byte[] answer = ("{\"message\":\"" + refusal.get().replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + tokens.get().issuer() + "\"");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            byte[] answer;
            int status;
            try {
                var request = Payloads.newBuilder();
                JsonFormat.parser().ignoringUnknownFields()
                        .merge(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), request);
                var payloads = encode ? codec.encode(request.getPayloadsList()) : codec.decode(request.getPayloadsList());
                answer = JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(payloads).build()).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (RuntimeException | IOException e) {
                answer = ("{\"message\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
                status = 400;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
