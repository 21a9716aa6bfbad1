package io.sluice.activities.aws;

import java.net.URI;
import java.util.Objects;

/**
 * An {@code s3://bucket/key} location.
 *
 * @param bucket the bucket
 * @param key the key or prefix, without a leading slash (may be empty)
 */
public record S3Location(String bucket, String key) {
    public S3Location {
        Objects.requireNonNull(bucket, "bucket is null");
        Objects.requireNonNull(key, "key is null");
    }

    /** Parses {@code s3://bucket/key}; fails naming the value otherwise. */
    public static S3Location parse(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || !"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an S3 URI; expected s3://bucket/key");
        }
        String key = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        return new S3Location(parsed.getHost(), key);
    }

    /** This location with {@code name} appended as a path segment. */
    public S3Location child(String name) {
        return new S3Location(bucket, key.isEmpty() || key.endsWith("/") ? key + name : key + "/" + name);
    }

    /** The key as a prefix: ending with {@code /} unless empty. */
    public String prefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
