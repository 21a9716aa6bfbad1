package io.sluice.activities.promotion.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client for one registry endpoint speaking the OCI distribution protocol (which ECR, the
 * Distribution registry and the Docker Hub implement) over HTTP/1.1.
 *
 * <p>Every call is tried once: retrying is the activity's, whose next attempt repeats the copy
 * and skips what is done (all calls are idempotent). A failure says whether trying again may help:
 * {@link RegistryException#retryable()} when the registry was unreachable or answered 5xx or 429.
 * Failures are {@link RegistryException}s naming the registry, the repository, the manifest or
 * blob and the HTTP status; content that does not match its digest is a
 * {@link DigestMismatchException}. Credentials are sent only to the registry's own origin (and to
 * a Bearer token realm), never to hosts a blob download is redirected to.
 *
 * <p>Safe for concurrent use. Bearer tokens are cached per repository and fetched again when the
 * registry answers 401.
 */
public final class RegistryClient {
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration UPLOAD_TIMEOUT_BASE = Duration.ofMinutes(2);
    private static final long UPLOAD_MINIMUM_BYTES_PER_SECOND = 1_000_000;
    private static final int MAX_REDIRECTS = 5;
    /** Bytes of a blob upload handed to the HTTP client at once. */
    private static final int UPLOAD_CHUNK_BYTES = 256 * 1024;
    private static final String HTTP_BUFFER_PROPERTY = "jdk.httpclient.bufsize";
    private static final int HTTP_BUFFER_BYTES = 256 * 1024;
    private static final int MAX_ERROR_BODY_BYTES = 8 * 1024;
    private static final int MAX_TOKEN_BODY_BYTES = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String MANIFEST_ACCEPT = String.join(", ",
            Manifest.OCI_MANIFEST, Manifest.OCI_INDEX, Manifest.DOCKER_MANIFEST, Manifest.DOCKER_MANIFEST_LIST);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String registry;
    private final RegistryCredentials credentials;
    private final HttpClient http;
    private final RegistryCallObserver observer;
    private final Map<String, String> bearerTokens = new ConcurrentHashMap<>();

    /**
     * @param endpoint the registry's base URI, {@code http(s)://host[:port]}, e.g.
     *     {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}; no path, query or user info
     * @param credentials how to authenticate
     * @param httpClient the client to send requests with, shared between registry clients; it must
     *     not follow redirects itself ({@link HttpClient.Redirect#NEVER}, as {@link #newHttpClient()}
     *     builds), because this class drops credentials when a redirect leaves the registry's origin
     */
    public RegistryClient(URI endpoint, RegistryCredentials credentials, HttpClient httpClient) {
        this(endpoint, credentials, httpClient, RegistryCallObserver.NONE);
    }

    /** As {@link #RegistryClient(URI, RegistryCredentials, HttpClient)}, telling {@code observer} of each call. */
    public RegistryClient(URI endpoint, RegistryCredentials credentials, HttpClient httpClient, RegistryCallObserver observer) {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(credentials, "credentials is null");
        Objects.requireNonNull(httpClient, "httpClient is null");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() || endpoint.getRawPath().equals("/"))
                && endpoint.getRawQuery() == null && endpoint.getRawFragment() == null && endpoint.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null || !bare) {
            throw new IllegalArgumentException("registry endpoint '" + endpoint + "' is not http(s)://host[:port]");
        }
        if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("httpClient follows redirects (" + httpClient.followRedirects()
                    + "); registry clients need Redirect.NEVER so credentials never follow a redirect to another host");
        }
        this.endpoint = URI.create(scheme + "://" + endpoint.getRawAuthority());
        this.registry = endpoint.getRawAuthority();
        this.credentials = credentials;
        this.http = httpClient;
        this.observer = Objects.requireNonNull(observer, "observer is null");
    }

    /** An HTTP client fit for registry clients: HTTP/1.1, no automatic redirects, 10-second connect timeout. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Has {@code java.net.http} read and hand on {@value #HTTP_BUFFER_BYTES} bytes at a time
     * instead of its default 16 KiB, unless the JVM was started with {@code -Djdk.httpclient.bufsize}:
     * every buffer of a blob stream costs a pass through the client's asynchronous pipeline, and
     * larger ones cut the CPU a copy takes by about a third. It stays under half of G1's smallest
     * region, so no buffer is a humongous allocation. The client reads the setting once, when it is first
     * used in the JVM, so this is for a program's {@code main}, before anything sends a request.
     * The buffers are per connection in use: a copy of {@code imageBlobsAtOnce} blobs holds about
     * twice that many.
     */
    public static void useLargeHttpBuffers() {
        if (System.getProperty(HTTP_BUFFER_PROPERTY) == null) {
            System.setProperty(HTTP_BUFFER_PROPERTY, Integer.toString(HTTP_BUFFER_BYTES));
        }
    }

    /** The registry as image references name it: {@code host[:port]}. */
    public String registry() {
        return registry;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The manifest {@code reference} (a tag or digest) of {@code repository}, as stored: raw bytes,
     * media type and digest, accepting OCI manifests and indexes and Docker v2 schema 2 manifests
     * and manifest lists. Fails with {@link DigestMismatchException} when the bytes do not hash to
     * the registry's {@code Docker-Content-Digest} or to the digest asked for, and with a
     * {@link RegistryException} of status 404 when there is no such manifest.
     */
    public Manifest getManifest(String repository, String reference) {
        validate(repository, reference);
        observer.called("BatchGetImage", repository, reference);
        var call = new Call("GET manifest " + reference + " of", repository);
        return once(call, () -> {
            var request = request(manifestUri(repository, reference)).header("Accept", MANIFEST_ACCEPT).GET();
            HttpResponse<InputStream> response = send(call, request, true);
            if (response.statusCode() != 200) {
                throw failure(call, response);
            }
            byte[] bytes = readBounded(call, response, Manifest.MAX_BYTES, "manifest");
            String digest = Digests.sha256(bytes);
            Optional<String> served = response.headers().firstValue("Docker-Content-Digest");
            if (served.isPresent() && !served.get().equals(digest)) {
                throw new DigestMismatchException(call.describe(registry) + ": registry says the manifest is " + served.get()
                        + " but its " + bytes.length + " bytes hash to " + digest + ": digest mismatch", served.get(), digest);
            }
            if (reference.startsWith("sha256:") && !reference.equals(digest)) {
                throw new DigestMismatchException(call.describe(registry) + ": the " + bytes.length + " bytes served hash to "
                        + digest + ": digest mismatch", reference, digest);
            }
            String mediaType = Manifest.mediaTypeOf(bytes, response.headers().firstValue("Content-Type").orElse(null));
            return new Manifest(bytes, mediaType, digest);
        });
    }

    /**
     * The digest of the manifest {@code reference} (a tag or a digest) names in {@code repository}
     * ({@code HEAD}, the registry's {@code Docker-Content-Digest}); empty when there is none, or when
     * the registry does not say.
     */
    public Optional<String> manifestDigest(String repository, String reference) {
        validate(repository, reference);
        observer.called("BatchGetImage", repository, reference);
        var call = new Call("HEAD manifest " + reference + " of", repository);
        return once(call, () -> {
            var request = request(manifestUri(repository, reference)).header("Accept", MANIFEST_ACCEPT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody());
            HttpResponse<InputStream> response = send(call, request, true);
            int status = response.statusCode();
            if (status == 404) {
                discard(response);
                return Optional.<String>empty();
            }
            if (status != 200) {
                throw failure(call, response);
            }
            discard(response);
            return response.headers().firstValue("Docker-Content-Digest");
        });
    }

    /**
     * Whether {@code repository} holds blob {@code digest} ({@code HEAD}). A redirect answer counts as
     * present: registries redirect only requests for blobs they hold.
     */
    public boolean hasBlob(String repository, String digest) {
        validateBlob(repository, digest);
        observer.called("BatchCheckLayerAvailability", repository, digest);
        var call = new Call("HEAD blob " + digest + " in", repository);
        return once(call, () -> {
            var request = request(blobUri(repository, digest)).method("HEAD", HttpRequest.BodyPublishers.noBody());
            HttpResponse<InputStream> response = send(call, request, true);
            int status = response.statusCode();
            if (status == 200 || REDIRECTS.contains(status)) {
                discard(response);
                return true;
            }
            if (status == 404) {
                discard(response);
                return false;
            }
            throw failure(call, response);
        });
    }

    /**
     * Asks the registry to link blob {@code digest} of {@code fromRepository} into {@code repository}
     * without uploading it. Returns true when mounted (201); false when the registry declined and
     * opened an upload session instead (202), which is cancelled, so the caller uploads the blob.
     */
    public boolean mountBlob(String repository, String digest, String fromRepository) {
        validateBlob(repository, digest);
        ImageReference.requireRepository(fromRepository);
        observer.called("InitiateLayerUpload", repository, digest);
        observer.called("GetDownloadUrlForLayer", fromRepository, digest);
        var call = new Call("mount blob " + digest + " from repository '" + fromRepository + "' into", repository);
        return once(call, () -> {
            URI uri = URI.create(endpoint + "/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest)
                    + "&from=" + encode(fromRepository));
            var request = request(uri).POST(HttpRequest.BodyPublishers.noBody());
            HttpResponse<InputStream> response = send(call, request, true);
            if (response.statusCode() == 201) {
                discard(response);
                return true;
            }
            if (response.statusCode() == 202) {
                discard(response);
                response.headers().firstValue("Location").ifPresent(location -> cancelUpload(call, uri.resolve(location)));
                return false;
            }
            throw failure(call, response);
        });
    }

    /**
     * Uploads blob {@code digest} of {@code size} bytes to {@code repository}, streaming {@code content}
     * in one monolithic {@code PUT} after opening an upload session with {@code POST}. The content
     * is verified while it streams: unless it is exactly {@code size} bytes hashing to {@code digest},
     * the request body is cut short before its last chunk, the session is cancelled, nothing is
     * committed and a {@link DigestMismatchException} is thrown.
     *
     * <p>On any failure the session is cancelled; calling again
     * with fresh content opens a new session. {@code content} is closed when this returns.
     */
    public void pushBlob(String repository, String digest, long size, InputStream content) {
        validateBlob(repository, digest);
        Objects.requireNonNull(content, "content is null");
        if (size < 0) {
            throw new IllegalArgumentException("blob " + digest + " size " + size + " is negative");
        }
        var call = new Call("upload blob " + digest + " (" + size + " bytes) to", repository);
        for (String action : List.of("InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload")) {
            observer.called(action, repository, digest);
        }
        URI session;
        try {
            session = startUpload(repository, digest);
        } catch (RuntimeException e) {
            closeQuietly(content);
            throw e;
        }
        var verifying = new VerifyingInputStream(content, digest, size);
        boolean committed = false;
        try {
            HttpResponse<InputStream> response = putBlob(call, session, digest, size, verifying);
            if (response.statusCode() != 201 && response.statusCode() != 204) {
                throw failure(call, response);
            }
            discard(response);
            if (!verifying.verified()) {
                throw new IllegalStateException(call.describe(registry) + ": registry accepted the upload after "
                        + verifying.count() + " bytes were read; the content was not verified");
            }
            committed = true;
            Optional<String> stored = response.headers().firstValue("Docker-Content-Digest");
            if (stored.isPresent() && !stored.get().equals(digest)) {
                throw new RegistryException(call.describe(registry) + ": the registry reports the stored blob as "
                        + stored.get(), response.statusCode(), false, null);
            }
        } catch (IOException e) {
            if (verifying.mismatch().isPresent()) {
                throw mismatch(call, digest, verifying);
            }
            throw new RegistryException(call.describe(registry) + " failed: " + describe(e), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(call.describe(registry) + " was interrupted", 0, true, e);
        } catch (RegistryException e) {
            if (verifying.mismatch().isPresent()) {
                throw mismatch(call, digest, verifying);
            }
            throw e;
        } finally {
            closeQuietly(verifying);
            if (!committed) {
                cancelUpload(call, session);
            }
        }
    }

    /**
     * Opens blob {@code digest} of {@code repository} for reading ({@code GET}), following up to
     * {@value #MAX_REDIRECTS} redirects (ECR redirects to S3) and sending credentials only to the
     * registry's origin. A read failure later surfaces as an {@link IOException}
     * from the stream. The caller closes the stream; the bytes are not verified here.
     */
    public InputStream openBlob(String repository, String digest) {
        validateBlob(repository, digest);
        observer.called("GetDownloadUrlForLayer", repository, digest);
        var call = new Call("GET blob " + digest + " from", repository);
        return once(call, () -> {
            URI uri = blobUri(repository, digest);
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpResponse<InputStream> response = sameOrigin(uri)
                        ? send(call, request(uri).GET(), true)
                        : http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                Optional<String> location = response.headers().firstValue("Location");
                if (!REDIRECTS.contains(status) || location.isEmpty()) {
                    throw failure(call, response);
                }
                discard(response);
                uri = uri.resolve(location.get());
            }
            throw new RegistryException(call.describe(registry) + " failed: more than " + MAX_REDIRECTS + " redirects",
                    0, false, null);
        });
    }

    /**
     * Stores {@code manifest}'s bytes unchanged, with its media type as Content-Type, under
     * {@code reference} (a tag, moved if it exists, or the manifest's digest) in {@code repository}.
     * The registry checks that the blobs or child manifests it refers to are present. Returns the
     * digest the registry reports ({@code Docker-Content-Digest}), or the manifest's own digest when
     * it reports none. Idempotent.
     */
    public String putManifest(String repository, String reference, Manifest manifest) {
        validate(repository, reference);
        Objects.requireNonNull(manifest, "manifest is null");
        observer.called("PutImage", repository, reference);
        var call = new Call("PUT manifest " + reference + " (" + manifest.digest() + ", " + manifest.mediaType() + ") to",
                repository);
        byte[] bytes = manifest.bytes();
        return once(call, () -> {
            var request = request(manifestUri(repository, reference))
                    .header("Content-Type", manifest.mediaType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
            HttpResponse<InputStream> response = send(call, request, true);
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw failure(call, response);
            }
            discard(response);
            return response.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
        });
    }

    private URI startUpload(String repository, String digest) {
        var start = new Call("open an upload session for blob " + digest + " in", repository);
        return once(start, () -> {
            URI uri = URI.create(endpoint + "/v2/" + repository + "/blobs/uploads/");
            HttpResponse<InputStream> response = send(start, request(uri).POST(HttpRequest.BodyPublishers.noBody()), true);
            if (response.statusCode() != 202) {
                throw failure(start, response);
            }
            discard(response);
            String location = response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                    start.describe(registry) + " failed: HTTP 202 without a Location header", 202, false, null));
            return uri.resolve(location);
        });
    }

    private HttpResponse<InputStream> putBlob(Call call, URI session, String digest, long size, VerifyingInputStream content)
            throws IOException, InterruptedException {
        URI uri = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest));
        HttpRequest.BodyPublisher body;
        if (size == 0) {
            content.readAllBytes();
            body = HttpRequest.BodyPublishers.noBody();
        } else {
            body = HttpRequest.BodyPublishers.fromPublisher(new InputStreamPublisher(content, UPLOAD_CHUNK_BYTES), size);
        }
        Duration timeout = UPLOAD_TIMEOUT_BASE.plusSeconds(size / UPLOAD_MINIMUM_BYTES_PER_SECOND);
        var request = request(uri).timeout(timeout).header("Content-Type", "application/octet-stream").PUT(body);
        if (!sameOrigin(uri)) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        return send(call, request, false);
    }

    private void cancelUpload(Call call, URI session) {
        try {
            var request = request(session).DELETE();
            HttpResponse<InputStream> response = sameOrigin(session)
                    ? send(call, request, true)
                    : http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            discard(response);
        } catch (IOException | RuntimeException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DigestMismatchException mismatch(Call call, String digest, VerifyingInputStream content) {
        String received = content.mismatch().orElseThrow();
        return new DigestMismatchException(call.describe(registry) + ": content is " + received + ", expected " + digest
                + ": digest mismatch; the upload was abandoned", digest, received);
    }

    /**
     * Sends {@code request} with this registry's authorization for {@code call}'s repository. On a
     * 401 with a Bearer challenge, fetches a token for the challenge's scope, caches it for the
     * repository and, when {@code replayable}, sends the request once more with it.
     */
    private HttpResponse<InputStream> send(Call call, HttpRequest.Builder request, boolean replayable)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(authorized(request, call.repository()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 401) {
            return response;
        }
        Optional<BearerChallenge> challenge = BearerChallenge.parse(response.headers().allValues("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            return response;
        }
        discard(response);
        bearerTokens.put(call.repository(), "Bearer " + fetchToken(call, challenge.get()));
        if (!replayable) {
            throw new RegistryException(call.describe(registry) + " failed: HTTP 401: the Bearer token had expired;"
                    + " a new one was fetched for the next try", 401, true, null);
        }
        return http.send(authorized(request, call.repository()).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private String fetchToken(Call call, BearerChallenge challenge) throws IOException, InterruptedException {
        URI uri = challenge.tokenUri();
        var request = request(uri).GET();
        credentials.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        var tokenCall = new Call("fetch a Bearer token from " + challenge.realm() + " for", call.repository());
        if (response.statusCode() != 200) {
            throw failure(tokenCall, response);
        }
        byte[] body = readBounded(tokenCall, response, MAX_TOKEN_BODY_BYTES, "token answer");
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException(tokenCall.describe(registry) + " failed: the answer is not JSON", 200, false, e);
        }
        String token = json == null ? "" : json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(tokenCall.describe(registry) + " failed: the answer has no token", 200, false, null);
        }
        return token;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request, String repository) {
        HttpRequest.Builder copy = request.copy();
        String bearer = bearerTokens.get(repository);
        if (bearer != null) {
            return copy.setHeader("Authorization", bearer);
        }
        credentials.authorization().ifPresent(value -> copy.setHeader("Authorization", value));
        return copy;
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1).timeout(CALL_TIMEOUT);
    }

    private boolean sameOrigin(URI uri) {
        return endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
                && Objects.equals(endpoint.getRawAuthority(), uri.getRawAuthority());
    }

    private URI manifestUri(String repository, String reference) {
        return URI.create(endpoint + "/v2/" + repository + "/manifests/" + reference);
    }

    private URI blobUri(String repository, String digest) {
        return URI.create(endpoint + "/v2/" + repository + "/blobs/" + digest);
    }

    /** Runs {@code attempt} once, an unreachable registry and an interruption becoming {@link RegistryException}s. */
    private <T> T once(Call call, Attempt<T> attempt) {
        try {
            return attempt.run();
        } catch (IOException e) {
            throw new RegistryException(call.describe(registry) + " failed: " + describe(e), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(call.describe(registry) + " was interrupted", 0, true, e);
        }
    }

    private RegistryException failure(Call call, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String said = registryError(response);
        String advice = switch (status) {
            case 401 -> "; check the registry credentials";
            case 403 -> "; the credentials are not allowed this action on the repository";
            case 404 -> "; not found";
            default -> "";
        };
        boolean retryable = status >= 500 || status == 429;
        return new RegistryException(call.describe(registry) + " failed: HTTP " + status + (said.isEmpty() ? "" : " " + said)
                + advice, status, retryable, null);
    }

    /** The registry's error as {@code CODE: message}, from an OCI error body, or the start of the body. */
    private static String registryError(HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            return "";
        }
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                var said = new StringBuilder();
                for (JsonNode error : errors) {
                    said.append(said.length() == 0 ? "" : "; ")
                            .append(error.path("code").asText("?")).append(": ").append(error.path("message").asText(""));
                }
                return said.toString();
            }
        } catch (IOException | RuntimeException e) {
            return abbreviate(new String(body, StandardCharsets.UTF_8));
        }
        return abbreviate(new String(body, StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private byte[] readBounded(Call call, HttpResponse<InputStream> response, int limit, String what) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new RegistryException(call.describe(registry) + " failed: the " + what + " is larger than " + limit
                        + " bytes", response.statusCode(), false, null);
            }
            return bytes;
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            return;
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            return;
        }
    }

    private static void validate(String repository, String reference) {
        ImageReference.requireRepository(repository);
        ImageReference.requireReference(reference);
    }

    private static void validateBlob(String repository, String digest) {
        ImageReference.requireRepository(repository);
        Digests.require(digest, "blob digest");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    /** What a request was doing, for messages: {@code <action> repository '<repository>' at registry <host>}. */
    private record Call(String action, String repository) {
        String describe(String registry) {
            return action + " repository '" + repository + "' at registry " + registry;
        }
    }

    @Override
    public String toString() {
        return "RegistryClient[" + endpoint + ", " + credentials + "]";
    }
}
