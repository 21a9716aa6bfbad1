package io.sluice.workers.config;

import io.sluice.activities.promotion.CopySettings;

/**
 * The {@code copy:} section: how promotion copies S3 artifacts and images.
 *
 * @param multipartThresholdMib objects up to this size copy with one CopyObject (default 64)
 * @param partSizeMib part size of multipart copies, 5 to 5120 (default 64)
 * @param concurrency parts copied at once (default 8)
 * @param imageBlobsAtOnce blobs of an image streamed at once, 1 to 64 (default 4)
 */
public record CopyConfig(Integer multipartThresholdMib, Integer partSizeMib, Integer concurrency, Integer imageBlobsAtOnce) {
    public static final CopyConfig DEFAULTS = new CopyConfig(null, null, null, null);

    public CopyConfig {
        multipartThresholdMib = multipartThresholdMib == null ? 64 : multipartThresholdMib;
        partSizeMib = partSizeMib == null ? 64 : partSizeMib;
        concurrency = concurrency == null ? CopySettings.DEFAULTS.concurrency() : concurrency;
        imageBlobsAtOnce = imageBlobsAtOnce == null ? CopySettings.DEFAULTS.imageBlobsAtOnce() : imageBlobsAtOnce;
        toSettings(multipartThresholdMib, partSizeMib, concurrency, imageBlobsAtOnce);
    }

    public CopySettings toSettings() {
        return toSettings(multipartThresholdMib, partSizeMib, concurrency, imageBlobsAtOnce);
    }

    private static CopySettings toSettings(int multipartThresholdMib, int partSizeMib, int concurrency, int imageBlobsAtOnce) {
        return new CopySettings(multipartThresholdMib * CopySettings.MIB, partSizeMib * CopySettings.MIB, concurrency,
                imageBlobsAtOnce);
    }
}
