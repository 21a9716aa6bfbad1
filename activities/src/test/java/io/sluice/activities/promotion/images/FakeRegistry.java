package io.sluice.activities.promotion.images;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory registry on a loopback port, for what a real registry cannot be made to do: serve
 * blob bytes that do not match their digest, demand Bearer tokens, redirect blob downloads to
 * another host, hand out relative upload locations, answer 503. It records every request.
 * {@code /direct/<digest>} serves a blob without authentication, as a redirect target.
 */
final class FakeRegistry implements AutoCloseable {
    private static final Pattern V2 = Pattern.compile("/v2/(.+?)/(manifests|blobs)/(.*)");

    /** A request as received: method, path with query, and its Authorization header (null when absent). */
    record Request(String method, String path, String authorization) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger uploadFailuresToServe = new AtomicInteger();
    private volatile String bearerToken;
    private volatile String tokenAuthorization;
    private volatile URI blobRedirect;

    private FakeRegistry(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static FakeRegistry start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                var thread = new Thread(runnable, "fake-registry");
                thread.setDaemon(true);
                return thread;
            });
            var registry = new FakeRegistry(server, executor);
            server.createContext("/", registry::handle);
            server.setExecutor(executor);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    URI endpoint() {
        return URI.create("http://" + host());
    }

    /** Serves {@code image} (and its children by digest) from {@code repository} under {@code reference} and its digest. */
    void serve(String repository, String reference, TestImages.Image image) {
        for (TestImages.Image child : image.children()) {
            serve(repository, child.digest(), child);
        }
        image.blobs().forEach(blob -> blobs.put(blob.digest(), blob.bytes()));
        manifests.put(repository + "@" + reference, image.manifest());
        manifests.put(repository + "@" + image.digest(), image.manifest());
    }

    /** Serves {@code bytes} as blob {@code digest}, whatever they hash to. */
    void serveBlob(String digest, byte[] bytes) {
        blobs.put(digest, bytes.clone());
    }

    /** The bytes stored as blob {@code digest}, or null. */
    byte[] blob(String digest) {
        return blobs.get(digest);
    }

    /**
     * Answers registry requests without {@code Authorization: Bearer <token>} with a 401 Bearer
     * challenge; {@code /token} hands out {@code token} to requests with {@code authorization}
     * (any when null).
     */
    void requireBearer(String token, String authorization) {
        this.tokenAuthorization = authorization;
        this.bearerToken = token;
    }

    /** Answers blob downloads with a 307 to {@code base} followed by the digest. */
    void redirectBlobsTo(URI base) {
        this.blobRedirect = base;
    }

    /** Answers the next {@code count} registry requests with 503. */
    void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Answers the next {@code count} blob upload {@code PUT}s with 503 after reading their bodies. */
    void failNextUploads(int count) {
        uploadFailuresToServe.set(count);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            requests.add(new Request(method, uri.toString(), exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("/token")) {
                token(exchange);
                return;
            }
            if (path.startsWith("/direct/")) {
                blob(exchange, path.substring("/direct/".length()), method.equals("HEAD"));
                return;
            }
            if (failuresToServe.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                error(exchange, 503, "UNAVAILABLE", "try again");
                return;
            }
            Matcher matcher = V2.matcher(path);
            if (!matcher.matches()) {
                error(exchange, 404, "NAME_UNKNOWN", "no route for " + path);
                return;
            }
            String repository = matcher.group(1);
            String token = bearerToken;
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + endpoint() + "/token\","
                        + "service=\"fake-registry\",scope=\"repository:" + repository + ":pull,push\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
                return;
            }
            if (matcher.group(2).equals("manifests")) {
                manifest(exchange, method, repository, matcher.group(3), body);
            } else {
                blobs(exchange, method, repository, matcher.group(3), uri.getRawQuery(), body);
            }
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = tokenAuthorization;
        if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "UNAUTHORIZED", "bad credentials");
            return;
        }
        send(exchange, 200, "application/json", ("{\"token\":\"" + bearerToken + "\"}").getBytes(StandardCharsets.UTF_8), false);
    }

    private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
            throws IOException {
        if (method.equals("PUT")) {
            var manifest = Manifest.of(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            manifests.put(repository + "@" + reference, manifest);
            manifests.put(repository + "@" + manifest.digest(), manifest);
            exchange.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
            send(exchange, 201, null, new byte[0], false);
            return;
        }
        Manifest manifest = manifests.get(repository + "@" + reference);
        if (manifest == null) {
            error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
            return;
        }
        exchange.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
        send(exchange, 200, manifest.mediaType(), manifest.bytes(), method.equals("HEAD"));
    }

    private void blobs(HttpExchange exchange, String method, String repository, String rest, String query, byte[] body)
            throws IOException {
        if (rest.equals("uploads/") && method.equals("POST")) {
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + UUID.randomUUID());
            send(exchange, 202, null, new byte[0], false);
            return;
        }
        if (rest.startsWith("uploads/") && method.equals("DELETE")) {
            send(exchange, 204, null, new byte[0], false);
            return;
        }
        if (rest.startsWith("uploads/") && method.equals("PUT")) {
            if (uploadFailuresToServe.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                error(exchange, 503, "UNAVAILABLE", "upload failed");
                return;
            }
            String digest = query == null ? "" : query.replaceFirst(".*digest=([^&]*).*", "$1").replace("%3A", ":");
            if (!Digests.sha256(body).equals(digest)) {
                error(exchange, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
                return;
            }
            blobs.put(digest, body);
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
            send(exchange, 201, null, new byte[0], false);
            return;
        }
        URI redirect = blobRedirect;
        if (redirect != null && method.equals("GET")) {
            exchange.getResponseHeaders().add("Location", redirect + rest);
            send(exchange, 307, null, new byte[0], false);
            return;
        }
        blob(exchange, rest, method.equals("HEAD"));
    }

    private void blob(HttpExchange exchange, String digest, boolean head) throws IOException {
        byte[] bytes = blobs.get(digest);
        if (bytes == null) {
            error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
            return;
        }
        send(exchange, 200, "application/octet-stream", bytes, head);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        send(exchange, status, "application/json", body, false);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        if (head) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
