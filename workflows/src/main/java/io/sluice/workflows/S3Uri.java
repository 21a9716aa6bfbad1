package io.sluice.workflows;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} location: the one parser of S3 URIs, for specs, activities and the CLI.
 *
 * @param bucket the bucket
 * @param key the key or prefix, without a leading slash (may be empty)
 */
public record S3Uri(String bucket, String key) {
    private static final String SCHEME = "s3://";
    /** Bucket names: letters, digits, dots, hyphens and (in old buckets) underscores. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    public S3Uri {
        Objects.requireNonNull(bucket, "bucket is null");
        Objects.requireNonNull(key, "key is null");
    }

    /** Parses {@code s3://bucket/key}; fails naming the value otherwise. */
    public static S3Uri parse(String uri) {
        return parsed(uri).orElseThrow(() -> new IllegalArgumentException("'" + uri + "' is not an S3 URI; expected s3://bucket/key"));
    }

    /** Parses {@code s3://bucket/key}; fails naming {@code field} and the value otherwise. */
    public static S3Uri parse(String field, String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected an S3 URI such as s3://bucket/key");
        }
        return parsed(uri).orElseThrow(() -> new IllegalArgumentException(field + " '" + uri
                + "' is not an S3 URI; expected s3://bucket/key"));
    }

    /** Whether {@code value} is an S3 URI with a bucket. */
    public static boolean isS3Uri(String value) {
        return parsed(value).isPresent();
    }

    /**
     * {@code s3://bucket/key} as S3 means it: the bucket up to the first slash, the key the rest,
     * byte for byte (a key may hold spaces, {@code ?}, {@code #} or {@code %}; nothing is decoded).
     */
    private static Optional<S3Uri> parsed(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches()) {
            return Optional.empty();
        }
        return Optional.of(new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1)));
    }

    /** This location with {@code name} appended as a path segment. */
    public S3Uri child(String name) {
        return new S3Uri(bucket, key.isEmpty() || key.endsWith("/") ? key + name : key + "/" + name);
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
