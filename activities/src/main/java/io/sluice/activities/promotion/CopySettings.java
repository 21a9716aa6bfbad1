package io.sluice.activities.promotion;

/**
 * How promotion copies S3 artifacts and images.
 *
 * @param multipartThresholdBytes objects up to this size are copied with one CopyObject
 * @param partSizeBytes the size of each part of a multipart copy (S3: 5 MiB to 5 GiB)
 * @param concurrency parts copied at once
 * @param imageBlobsAtOnce blobs (layers and config) of one image streamed at once; each holds one
 *     download and one upload connection and a fixed buffer, whatever the blob's size
 */
public record CopySettings(long multipartThresholdBytes, long partSizeBytes, int concurrency, int imageBlobsAtOnce) {
    public static final long MIB = 1024L * 1024;
    public static final long MIN_PART = 5 * MIB;
    public static final long MAX_PART = 5 * 1024 * MIB;
    public static final int MAX_PARTS = 10_000;
    /** A single CopyObject handles at most 5 GiB. */
    public static final long MAX_SINGLE_COPY = 5 * 1024 * MIB;
    public static final CopySettings DEFAULTS = new CopySettings(64 * MIB, 64 * MIB, 8, 4);

    public CopySettings {
        if (partSizeBytes < MIN_PART || partSizeBytes > MAX_PART) {
            throw new IllegalArgumentException("partSize is " + partSizeBytes / MIB + " MiB; expected 5 to 5120 MiB (S3's limits)");
        }
        if (multipartThresholdBytes < 0 || multipartThresholdBytes > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("multipartThreshold is " + multipartThresholdBytes / MIB
                    + " MiB; expected 0 to 5120 MiB (one CopyObject copies at most 5 GiB)");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency is " + concurrency + "; expected 1 to 64");
        }
        if (imageBlobsAtOnce < 1 || imageBlobsAtOnce > 64) {
            throw new IllegalArgumentException("imageBlobsAtOnce is " + imageBlobsAtOnce + "; expected 1 to 64");
        }
    }

    /** The part size for an object of {@code size} bytes: the configured one, grown to stay within 10,000 parts. */
    public long partSizeFor(long size) {
        long smallest = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(partSizeBytes, Math.max(MIN_PART, smallest));
    }
}
