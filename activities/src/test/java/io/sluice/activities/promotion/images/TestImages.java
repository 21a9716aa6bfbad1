package io.sluice.activities.promotion.images;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Small container images built in memory, without Docker, and pushed to a registry through a
 * {@link RegistryClient}: Docker v2 schema 2 and OCI image manifests over random layer bytes, and
 * OCI indexes over such images. Every image gets a config with a random id, so two images built
 * from the same layers still differ. Manifests are UTF-8 JSON written here byte for byte; non-ASCII
 * text is kept as UTF-8, not escaped, so it shows whether a copy preserves bytes.
 */
public final class TestImages {
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private TestImages() {}

    /** A blob's bytes, copied in and out. */
    public record Blob(byte[] bytes) {
        public Blob {
            Objects.requireNonNull(bytes, "bytes is null");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String digest() {
            return Digests.sha256(bytes);
        }

        public long size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Blob that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Blob[" + digest() + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * An image manifest (with its config and layers) or an index (with its child images).
     *
     * @param manifest the manifest or index as it is pushed
     * @param blobs for an image manifest the config then the layers; empty for an index
     * @param children for an index the platform images in index order; empty for an image manifest
     */
    public record Image(Manifest manifest, List<Blob> blobs, List<Image> children) {
        public Image {
            Objects.requireNonNull(manifest, "manifest is null");
            blobs = List.copyOf(blobs);
            children = List.copyOf(children);
        }

        public String digest() {
            return manifest.digest();
        }

        public Blob config() {
            return blobs.get(0);
        }

        public List<Blob> layers() {
            return blobs.subList(1, blobs.size());
        }

        /** Every distinct blob of this image and of its children, in first-seen order. */
        public List<Blob> allBlobs() {
            var all = new LinkedHashMap<String, Blob>();
            children.forEach(child -> child.allBlobs().forEach(blob -> all.putIfAbsent(blob.digest(), blob)));
            blobs.forEach(blob -> all.putIfAbsent(blob.digest(), blob));
            return List.copyOf(all.values());
        }

        /** The sum of {@link #allBlobs()}'s sizes. */
        public long allBlobBytes() {
            return allBlobs().stream().mapToLong(Blob::size).sum();
        }
    }

    /** {@code size} random bytes. */
    public static Blob randomBlob(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new Blob(bytes);
    }

    /** {@code count} random layers of {@code size} bytes each. */
    public static List<Blob> randomLayers(int count, int size) {
        var layers = new ArrayList<Blob>();
        for (int i = 0; i < count; i++) {
            layers.add(randomBlob(size));
        }
        return List.copyOf(layers);
    }

    /** A linux/amd64 Docker v2 schema 2 image of {@code layers}. */
    public static Image dockerImage(List<Blob> layers) {
        return dockerImage("amd64", layers);
    }

    /** A linux/amd64 OCI image of {@code layers} with manifest {@code annotations} (kept in the given order). */
    public static Image ociImage(List<Blob> layers, Map<String, String> annotations) {
        return ociImage("linux", "amd64", layers, annotations);
    }

    /** An OCI image for {@code os}/{@code architecture} of {@code layers} with manifest {@code annotations}. */
    public static Image ociImage(String os, String architecture, List<Blob> layers, Map<String, String> annotations) {
        Blob config = config(os, architecture, layers);
        return image(Manifest.OCI_MANIFEST, OCI_CONFIG, OCI_LAYER, config, layers, annotations);
    }

    /** An OCI index of {@code platforms}, keyed {@code os/architecture}, in the given order. */
    public static Image ociIndex(Map<String, Image> platforms) {
        return index(Manifest.OCI_INDEX, platforms);
    }

    /** A Docker manifest list of {@code platforms} (Docker v2 images), keyed {@code os/architecture}, in the given order. */
    public static Image dockerManifestList(Map<String, Image> platforms) {
        return index(Manifest.DOCKER_MANIFEST_LIST, platforms);
    }

    /** A linux Docker v2 image for {@code architecture} of {@code layers}. */
    public static Image dockerImage(String architecture, List<Blob> layers) {
        Blob config = config("linux", architecture, layers);
        return image(Manifest.DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER, config, layers, Map.of());
    }

    private static Image index(String mediaType, Map<String, Image> platforms) {
        var entries = new ArrayList<String>();
        platforms.forEach((platform, image) -> {
            String[] parts = platform.split("/", 2);
            entries.add("{\"mediaType\":" + quote(image.manifest().mediaType()) + ",\"digest\":" + quote(image.digest())
                    + ",\"size\":" + image.manifest().size() + ",\"platform\":{\"architecture\":" + quote(parts[1])
                    + ",\"os\":" + quote(parts[0]) + "}}");
        });
        String json = "{\"schemaVersion\":2,\"mediaType\":" + quote(mediaType) + ",\"manifests\":["
                + String.join(",", entries) + "]}";
        return new Image(Manifest.of(json.getBytes(StandardCharsets.UTF_8), mediaType), List.of(),
                List.copyOf(platforms.values()));
    }

    /**
     * Pushes {@code image} to {@code repository} under {@code reference} (a tag or its digest): the
     * blobs the repository lacks, each child manifest by digest, then the manifest. Fails when the
     * registry reports another digest than the image's.
     */
    public static Image push(RegistryClient registry, String repository, String reference, Image image) {
        for (Image child : image.children()) {
            push(registry, repository, child.digest(), child);
        }
        for (Blob blob : image.blobs()) {
            if (!registry.hasBlob(repository, blob.digest())) {
                registry.pushBlob(repository, blob.digest(), blob.size(), new ByteArrayInputStream(blob.bytes()));
            }
        }
        String stored = registry.putManifest(repository, reference, image.manifest());
        if (!stored.equals(image.digest())) {
            throw new IllegalStateException("registry stored " + image.digest() + " as " + stored);
        }
        return image;
    }

    private static Blob config(String os, String architecture, List<Blob> layers) {
        String diffIds = layers.stream().map(layer -> quote(layer.digest())).collect(Collectors.joining(","));
        String json = "{\"architecture\":" + quote(architecture) + ",\"os\":" + quote(os)
                + ",\"config\":{\"Labels\":{\"test.image.id\":" + quote(UUID.randomUUID().toString()) + "}}"
                + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}";
        return new Blob(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Image image(String mediaType, String configType, String layerType, Blob config, List<Blob> layers,
            Map<String, String> annotations) {
        String layerJson = layers.stream().map(layer -> descriptor(layerType, layer)).collect(Collectors.joining(","));
        var json = new StringBuilder("{\n   \"schemaVersion\": 2,\n   \"mediaType\": ").append(quote(mediaType))
                .append(",\n   \"config\": ").append(descriptor(configType, config))
                .append(",\n   \"layers\": [").append(layerJson).append("]");
        if (!annotations.isEmpty()) {
            String pairs = annotations.entrySet().stream()
                    .map(entry -> quote(entry.getKey()) + ": " + quote(entry.getValue()))
                    .collect(Collectors.joining(", "));
            json.append(",\n   \"annotations\": {").append(pairs).append("}");
        }
        json.append("\n}");
        var blobs = new ArrayList<Blob>();
        blobs.add(config);
        blobs.addAll(layers);
        return new Image(Manifest.of(json.toString().getBytes(StandardCharsets.UTF_8), mediaType), blobs, List.of());
    }

    private static String descriptor(String mediaType, Blob blob) {
        return "{\"mediaType\": " + quote(mediaType) + ", \"size\": " + blob.size() + ", \"digest\": " + quote(blob.digest()) + "}";
    }

    private static String quote(String value) {
        var quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
