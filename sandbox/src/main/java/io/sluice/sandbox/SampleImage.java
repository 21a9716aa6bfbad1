package io.sluice.sandbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A small multi-layer container image (Docker v2 schema 2) the local stack pushes into the dev
 * account's registry, standing in for a team's own inference image so a promotion copies a real
 * image. Layers are gzipped tar archives of generated files; the same seed gives the same digests.
 */
public final class SampleImage {
    public static final String REPOSITORY = "credit-risk-xgboost";
    public static final String TAG = "1.0";
    static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private SampleImage() {}

    /**
     * Pushes the image to {@code registry} ({@code host:port}, plain HTTP) as {@code repository:tag};
     * returns its digest. Each layer is built in a temporary file and streamed from there, so a
     * layer of several GiB needs no more memory than a small one.
     */
    public static String push(String registry, String repository, String tag, long seed, int layers, long layerBytes) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://" + registry);
        List<String> layerEntries = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < layers; i++) {
            Path file = null;
            try {
                file = Files.createTempFile("sample-layer-", ".tar.gz");
                Layer layer = writeLayer(file, "layer-" + i + "/payload.bin", layerBytes, random);
                String digest = pushBlob(http, base, repository, layer.digest(), HttpRequest.BodyPublishers.ofFile(file));
                diffIds.add("\"" + layer.diffId() + "\"");
                layerEntries.add("{\"mediaType\":\"" + LAYER_TYPE + "\",\"size\":" + layer.size() + ",\"digest\":\"" + digest + "\"}");
            } catch (IOException e) {
                throw new UncheckedIOException("building layer " + i + " of the sample image", e);
            } finally {
                deleteQuietly(file);
            }
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"serve\"],"
                + "\"Labels\":{\"io.sluice.sample\":\"credit-risk\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(http, base, repository, sha256(config), HttpRequest.BodyPublishers.ofByteArray(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":\""
                + CONFIG_TYPE + "\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":["
                + String.join(",", layerEntries) + "]}").getBytes(StandardCharsets.UTF_8);
        var response = send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", MANIFEST_TYPE).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build());
        expect(response, 201, "PUT manifest " + repository + ":" + tag);
        return sha256(manifest);
    }

    /**
     * Pushes an image that SageMaker could not run, over the Docker image {@link #push} pushed under
     * {@code imageTag} (its blobs reused): {@code "oci"} its manifest in OCI media types;
     * {@code "arm64-list"} a Docker manifest list whose one entry claims {@code linux/arm64};
     * {@code "amd64-list"} the same list claiming {@code linux/amd64} (which SageMaker runs).
     * Returns the pushed manifest's digest.
     */
    public static String pushVariant(String registry, String repository, String imageTag, String tag, String variant) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://" + registry);
        var image = send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + imageTag))
                .header("Accept", MANIFEST_TYPE).GET().build());
        expect(image, 200, "GET manifest " + repository + ":" + imageTag);
        String docker = image.body();
        String mediaType;
        String manifest;
        switch (variant) {
            case "oci" -> {
                mediaType = "application/vnd.oci.image.manifest.v1+json";
                manifest = docker.replace(MANIFEST_TYPE, mediaType).replace(CONFIG_TYPE, "application/vnd.oci.image.config.v1+json")
                        .replace(LAYER_TYPE, "application/vnd.oci.image.layer.v1.tar+gzip");
            }
            case "arm64-list", "amd64-list" -> {
                mediaType = "application/vnd.docker.distribution.manifest.list.v2+json";
                String architecture = variant.startsWith("arm64") ? "arm64" : "amd64";
                manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[{\"mediaType\":\"" + MANIFEST_TYPE
                        + "\",\"size\":" + docker.getBytes(StandardCharsets.UTF_8).length + ",\"digest\":\""
                        + sha256(docker.getBytes(StandardCharsets.UTF_8)) + "\",\"platform\":{\"architecture\":\"" + architecture
                        + "\",\"os\":\"linux\"}}]}";
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        var response = send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        expect(response, 201, "PUT manifest " + repository + ":" + tag);
        return sha256(bytes);
    }

    private static String pushBlob(HttpClient http, URI base, String repository, String digest, HttpRequest.BodyPublisher body) {
        var start = send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        expect(start, 202, "start upload to " + repository);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = base.resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        var put = send(http, HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(body).build());
        expect(put, 201, "upload " + digest + " to " + repository);
        return digest;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted pushing the sample image", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A layer as written: the digest and size of its gzipped bytes, and the digest of its tar (the image's diff id). */
    private record Layer(String digest, long size, String diffId) {}

    /**
     * Writes a one-file ustar archive holding {@code contentBytes} random bytes, gzipped, to
     * {@code file}. The gzip stream stores the tar without compressing it: random bytes would not
     * compress, and deflating gigabytes of them would only cost time.
     */
    private static Layer writeLayer(Path file, String name, long contentBytes, Random random) throws IOException {
        MessageDigest gzipped = newSha256();
        MessageDigest tar = newSha256();
        try (var gzip = new StoredGzipOutputStream(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), gzipped));
                var out = new DigestOutputStream(gzip, tar)) {
            out.write(tarHeader(name, contentBytes));
            byte[] chunk = new byte[1 << 20];
            for (long left = contentBytes; left > 0; ) {
                int length = (int) Math.min(chunk.length, left);
                random.nextBytes(chunk);
                out.write(chunk, 0, length);
                left -= length;
            }
            out.write(new byte[(int) ((512 - contentBytes % 512) % 512)]);
            out.write(new byte[1024]);
        }
        return new Layer(format(gzipped), Files.size(file), format(tar));
    }

    /** The header of a one-file ustar archive. */
    private static byte[] tarHeader(String name, long contentBytes) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", contentBytes));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** A gzip stream whose deflate blocks are stored, not compressed. */
    private static final class StoredGzipOutputStream extends GZIPOutputStream {
        StoredGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.NO_COMPRESSION);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        MessageDigest digest = newSha256();
        digest.update(bytes);
        return format(digest);
    }
}
