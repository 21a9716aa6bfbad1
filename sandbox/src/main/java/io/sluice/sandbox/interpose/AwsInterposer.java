package io.sluice.sandbox.interpose;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP proxy on a free loopback port in front of the local AWS endpoint (moto), for behaviours
 * of real AWS that moto does not reproduce. Every request is forwarded unchanged unless a
 * {@link Rule} matches it; the first matching rule, in the order added, answers it itself or
 * rewrites moto's answer. Point the SDK's endpoint override at {@link #endpoint()}.
 *
 * <p>Rules tell requests apart by {@link AwsRequest#service()} (the SigV4 credential scope),
 * {@link AwsRequest#operation()} and content. Every request is recorded in {@link #requests()}.
 */
public final class AwsInterposer implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "date", "from", "via", "warning");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<AwsRequest> requests = new CopyOnWriteArrayList<>();

    private AwsInterposer(URI upstream) throws IOException {
        this.upstream = upstream;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "aws-interposer");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts an interposer forwarding to {@code upstream} (e.g. {@code LocalAws.awsEndpoint()}). */
    public static AwsInterposer start(URI upstream) {
        try {
            AwsInterposer interposer = new AwsInterposer(upstream);
            interposer.server.start();
            return interposer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to give the SDK instead of moto's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds a rule for the requests {@code matches} accepts; configure it with the returned {@link Rule}. */
    public Rule when(Predicate<AwsRequest> matches) {
        Rule rule = new Rule(matches);
        rules.add(rule);
        return rule;
    }

    /** Every request received, in order. */
    public List<AwsRequest> requests() {
        return List.copyOf(requests);
    }

    /** The operations of {@code service} received, in order. */
    public List<String> operations(String service) {
        return requests.stream().filter(request -> request.service().equals(service)).map(AwsRequest::operation).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            AwsRequest request = read(exchange);
            requests.add(request);
            Rule rule = rules.stream().filter(candidate -> candidate.take(request)).findFirst().orElse(null);
            AwsReply reply = rule == null ? forward(request) : rule.reply(request, () -> forward(request));
            write(exchange, request, reply);
        } catch (RuntimeException e) {
            byte[] message = ("interposer failed: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, message.length);
            exchange.getResponseBody().write(message);
        }
    }

    private static AwsRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        return new AwsRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                headers, exchange.getRequestBody().readAllBytes());
    }

    private AwsReply forward(AwsRequest request) throws IOException {
        String target = upstream.toString().replaceAll("/$", "") + request.path()
                + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || isHeadLength(request, name)) {
                    headers.put(name, values);
                }
            });
            return new AwsReply(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding " + request.method() + " " + request.path(), e);
        }
    }

    /** A HEAD answer's Content-Length describes the object, so it passes through. */
    private static boolean isHeadLength(AwsRequest request, String header) {
        return request.method().equals("HEAD") && header.equalsIgnoreCase("content-length");
    }

    private static void write(HttpExchange exchange, AwsRequest request, AwsReply reply) throws IOException {
        reply.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-length") || isHeadLength(request, name)) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        boolean bodiless = request.method().equals("HEAD") || reply.status() == 204 || reply.status() == 304
                || reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), bodiless ? -1 : reply.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
