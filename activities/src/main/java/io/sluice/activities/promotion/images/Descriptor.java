package io.sluice.activities.promotion.images;

import java.util.Objects;

/**
 * What a manifest says about content it refers to: a blob (config or layer) or, in an index, a
 * child manifest.
 *
 * @param mediaType the media type the manifest gives, e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param digest the content's {@code sha256:} digest
 * @param size the content's length in bytes
 */
public record Descriptor(String mediaType, String digest, long size) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType is null");
        Digests.require(digest, "descriptor digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor " + digest + " has negative size " + size);
        }
    }
}
