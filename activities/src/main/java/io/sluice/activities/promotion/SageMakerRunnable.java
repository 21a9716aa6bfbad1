package io.sluice.activities.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.promotion.images.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Whether SageMaker can run an image: it pulls Docker image manifests (v2, schema 2), and from a
 * Docker manifest list the {@code linux/amd64} one; OCI manifests and OCI indexes it does not run.
 * Promotion checks this so that an image is refused when it is promoted, not when it is deployed.
 */
final class SageMakerRunnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SageMakerRunnable() {}

    /** Why SageMaker cannot run the image {@code manifest} is the top of, if it cannot. */
    static Optional<String> problem(Manifest manifest) {
        return switch (manifest.mediaType()) {
            case Manifest.DOCKER_MANIFEST -> Optional.empty();
            case Manifest.DOCKER_MANIFEST_LIST -> hasLinuxAmd64(manifest) ? Optional.empty()
                    : Optional.of("its manifest list has no linux/amd64 Docker image manifest (" + Manifest.DOCKER_MANIFEST
                            + "), the one SageMaker would run");
            case Manifest.OCI_MANIFEST, Manifest.OCI_INDEX -> Optional.of("it is an OCI image (" + manifest.mediaType()
                    + "); SageMaker runs Docker image manifests (" + Manifest.DOCKER_MANIFEST + "): push it with Docker's"
                    + " manifest format, e.g. `docker buildx build --output type=image,oci-mediatypes=false`");
            default -> Optional.of("its manifest media type " + manifest.mediaType() + " is not one SageMaker runs; expected "
                    + Manifest.DOCKER_MANIFEST);
        };
    }

    private static boolean hasLinuxAmd64(Manifest list) {
        JsonNode document;
        try {
            document = JSON.readTree(list.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("manifest list " + list.digest() + " is not JSON", e);
        }
        for (JsonNode child : document.path("manifests")) {
            JsonNode platform = child.path("platform");
            if (Manifest.DOCKER_MANIFEST.equals(child.path("mediaType").asText()) && "linux".equals(platform.path("os").asText())
                    && "amd64".equals(platform.path("architecture").asText())) {
                return true;
            }
        }
        return false;
    }
}
