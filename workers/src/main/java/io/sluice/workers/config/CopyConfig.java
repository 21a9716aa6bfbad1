package io.sluice.workers.config;

import io.sluice.activities.promotion.CopySettings;

/**
 * The {@code copy:} section: how promotion copies S3 artifacts.
 *
 * @param multipartThresholdMib objects up to this size copy with one CopyObject (default 64)
 * @param partSizeMib part size of multipart copies, 5 to 5120 (default 64)
 * @param concurrency parts copied at once (default 8)
 */
public record CopyConfig(Integer multipartThresholdMib, Integer partSizeMib, Integer concurrency) {
    public static final CopyConfig DEFAULTS = new CopyConfig(null, null, null);

    public CopyConfig {
        multipartThresholdMib = multipartThresholdMib == null ? 64 : multipartThresholdMib;
        partSizeMib = partSizeMib == null ? 64 : partSizeMib;
        concurrency = concurrency == null ? 8 : concurrency;
        new CopySettings(multipartThresholdMib * CopySettings.MIB, partSizeMib * CopySettings.MIB, concurrency);
    }

    public CopySettings toSettings() {
        return new CopySettings(multipartThresholdMib * CopySettings.MIB, partSizeMib * CopySettings.MIB, concurrency);
    }
}
