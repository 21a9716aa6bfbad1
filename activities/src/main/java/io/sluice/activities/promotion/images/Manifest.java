package io.sluice.activities.promotion.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A manifest exactly as a registry stores it: the raw bytes, the media type it is served with, and
 * the sha256 of those bytes. The bytes are never re-serialised, so pushing a {@code Manifest} to
 * another registry keeps its digest. The compact constructor checks that {@code digest} is the
 * sha256 of {@code bytes}; the bytes are copied in and out.
 *
 * @param bytes the manifest's bytes as served
 * @param mediaType the media type (Content-Type without parameters), e.g. {@link #DOCKER_MANIFEST}
 * @param digest {@code sha256:} of {@code bytes}
 */
public record Manifest(byte[] bytes, String mediaType, String digest) {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Largest manifest read or accepted, as the OCI distribution specification suggests registries allow. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INDEX_TYPES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> GENERIC_TYPES = Set.of("", "application/json", "text/plain", "application/octet-stream");

    public Manifest {
        Objects.requireNonNull(bytes, "bytes is null");
        Objects.requireNonNull(mediaType, "mediaType is null");
        Objects.requireNonNull(digest, "digest is null");
        if (mediaType.isBlank()) {
            throw new IllegalArgumentException("mediaType is blank");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("manifest " + digest + " has " + bytes.length + " bytes; at most " + MAX_BYTES
                    + " are accepted");
        }
        bytes = bytes.clone();
        String actual = Digests.sha256(bytes);
        if (!actual.equals(digest)) {
            throw new IllegalArgumentException("manifest bytes have digest " + actual + ", not " + digest);
        }
    }

    /** A manifest of {@code bytes} served as {@code mediaType}, with its digest computed. */
    public static Manifest of(byte[] bytes, String mediaType) {
        return new Manifest(bytes, mediaType, Digests.sha256(bytes));
    }

    /** A copy of the manifest's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** Whether this is an OCI image index or a Docker manifest list. */
    public boolean isIndex() {
        return INDEX_TYPES.contains(mediaType);
    }

    /**
     * The child manifests of an index, in the index's order; fails when this is not an index or
     * the index is not valid JSON with digests.
     */
    public List<Descriptor> manifests() {
        if (!isIndex()) {
            throw new IllegalStateException("manifest " + digest + " of type " + mediaType + " is not an index");
        }
        return descriptors(json().path("manifests"), "manifests");
    }

    /**
     * The blobs an image manifest refers to: the config first, then the layers in order, leaving out
     * non-distributable ("foreign") layers, which registries do not store. Fails when this is an
     * index or has no config.
     */
    public List<Descriptor> blobs() {
        if (isIndex()) {
            throw new IllegalStateException("manifest " + digest + " is an index; it refers to manifests, not blobs");
        }
        JsonNode root = json();
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw new IllegalStateException("manifest " + digest + " of type " + mediaType
                    + " has no config; only OCI and Docker v2 schema 2 image manifests are supported");
        }
        var blobs = new ArrayList<Descriptor>();
        blobs.add(descriptor(config, "config"));
        for (Descriptor layer : descriptors(root.path("layers"), "layers")) {
            if (!isNonDistributable(layer.mediaType())) {
                blobs.add(layer);
            }
        }
        return List.copyOf(blobs);
    }

    /**
     * The media type to record for manifest {@code bytes} served with {@code contentType}: the
     * Content-Type without parameters, or, when the registry sent none or a generic one, the
     * manifest's own {@code mediaType} field, or else what its structure shows.
     */
    static String mediaTypeOf(byte[] bytes, String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!GENERIC_TYPES.contains(type)) {
            return type;
        }
        JsonNode root = parse(bytes, "(served as '" + contentType + "')");
        String declared = root.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        return root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
    }

    private static boolean isNonDistributable(String layerMediaType) {
        return layerMediaType.contains(".foreign.") || layerMediaType.contains("nondistributable");
    }

    private JsonNode json() {
        return parse(bytes, digest);
    }

    private static JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new IllegalStateException("manifest " + what + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("manifest " + what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private List<Descriptor> descriptors(JsonNode array, String field) {
        if (!array.isArray()) {
            throw new IllegalStateException("manifest " + digest + " has no '" + field + "' array");
        }
        var descriptors = new ArrayList<Descriptor>();
        for (JsonNode node : array) {
            descriptors.add(descriptor(node, field));
        }
        return List.copyOf(descriptors);
    }

    private Descriptor descriptor(JsonNode node, String field) {
        try {
            return new Descriptor(node.path("mediaType").asText(""), node.path("digest").asText(""),
                    node.path("size").asLong(-1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("manifest " + digest + " has an invalid descriptor in '" + field + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && digest.equals(that.digest) && mediaType.equals(that.mediaType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode() * 31 + mediaType.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + " " + digest + ", " + bytes.length + " bytes]";
    }
}
