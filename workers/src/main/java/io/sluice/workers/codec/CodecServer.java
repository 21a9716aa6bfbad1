package io.sluice.workers.codec;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The codec endpoint the Temporal Web UI calls to show encrypted payloads: {@code POST /decode}
 * and {@code POST /encode} with {@code {"payloads": [...]}} in protobuf JSON, answering the same
 * shape. CORS is allowed for {@code allowedOrigin} (the UI's address). Run it where only people
 * allowed to read payloads can reach it.
 */
public final class CodecServer implements AutoCloseable {
    private final HttpServer server;

    private CodecServer(HttpServer server) {
        this.server = server;
    }

    public static CodecServer start(String host, int port, PayloadCodec codec, String allowedOrigin) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/decode", exchange -> handle(exchange, codec, false, allowedOrigin));
        server.createContext("/encode", exchange -> handle(exchange, codec, true, allowedOrigin));
        server.start();
        return new CodecServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, PayloadCodec codec, boolean encode, String allowedOrigin) throws IOException {
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
