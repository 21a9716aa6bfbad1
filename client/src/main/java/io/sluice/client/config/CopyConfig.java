package io.sluice.client.config;

/**
 * The {@code copy:} section: how promotion copies S3 artifacts and images.
 *
 * @param multipartThresholdMib objects up to this size copy with one CopyObject, 0 to 5120 (default 64)
 * @param partSizeMib part size of multipart copies, 5 to 5120 (default 64)
 * @param concurrency parts copied at once, 1 to 64 (default 8)
 * @param imageBlobsAtOnce blobs of an image streamed at once, 1 to 64 (default 4)
 */
public record CopyConfig(Integer multipartThresholdMib, Integer partSizeMib, Integer concurrency, Integer imageBlobsAtOnce) {
    public static final CopyConfig DEFAULTS = new CopyConfig(null, null, null, null);

    public CopyConfig {
        multipartThresholdMib = within("multipartThresholdMib", multipartThresholdMib, 64, 0, 5120,
                "one CopyObject copies at most 5 GiB");
        partSizeMib = within("partSizeMib", partSizeMib, 64, 5, 5120, "S3's part sizes");
        concurrency = within("concurrency", concurrency, 8, 1, 64, "parts copied at once");
        imageBlobsAtOnce = within("imageBlobsAtOnce", imageBlobsAtOnce, 4, 1, 64, "blobs streamed at once");
    }

    private static int within(String field, Integer value, int defaultValue, int min, int max, String why) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " is " + value + "; expected " + min + " to " + max + " (" + why + ")");
        }
        return value;
    }
}
