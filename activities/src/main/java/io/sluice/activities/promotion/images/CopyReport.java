package io.sluice.activities.promotion.images;

import java.util.Objects;

/**
 * What an {@link ImageCopier#copy} did.
 *
 * @param digest the digest of the copied manifest or index, the same in source and target
 * @param mediaType its media type
 * @param blobsTotal distinct blobs (configs and layers) the image refers to, across every platform of an index
 * @param blobsCopied blobs whose bytes were transferred
 * @param blobsSkipped blobs the target repository already had
 * @param blobsMounted blobs linked from the source repository of the same registry without a transfer
 * @param bytesCopied bytes transferred, the sum of the copied blobs' sizes
 * @param manifestsCopied manifests written to the target: each child of an index, then the image's own
 */
public record CopyReport(
        String digest,
        String mediaType,
        int blobsTotal,
        int blobsCopied,
        int blobsSkipped,
        int blobsMounted,
        long bytesCopied,
        int manifestsCopied) {

    public CopyReport {
        Digests.require(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType is null");
        if (blobsCopied < 0 || blobsSkipped < 0 || blobsMounted < 0 || bytesCopied < 0 || manifestsCopied < 0) {
            throw new IllegalArgumentException("counts are negative: copied " + blobsCopied + ", skipped " + blobsSkipped
                    + ", mounted " + blobsMounted + ", bytes " + bytesCopied + ", manifests " + manifestsCopied);
        }
        if (blobsTotal != blobsCopied + blobsSkipped + blobsMounted) {
            throw new IllegalArgumentException("blobsTotal " + blobsTotal + " is not copied " + blobsCopied + " + skipped "
                    + blobsSkipped + " + mounted " + blobsMounted);
        }
    }
}
