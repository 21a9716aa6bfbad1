package io.sluice.workflows.dataproduct;

import java.net.URI;
import java.util.regex.Pattern;

/** Checks shared by the data-product records; each failure names the field and what is expected. */
final class ProductSpecs {
    /** A Glue database, table or column name: lowercase letters, digits and underscores, at most 255. */
    static final Pattern GLUE_NAME = Pattern.compile("[a-z0-9_]{1,255}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private ProductSpecs() {}

    static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static String required(String field, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected " + expected);
        }
        return value.strip();
    }

    /** A Glue name of at most {@code max} characters. */
    static String glueName(String field, String value, int max) {
        String name = required(field, value, "a Glue name (lowercase letters, digits and underscores)");
        if (!GLUE_NAME.matcher(name).matches() || name.length() > max) {
            throw new IllegalArgumentException(field + " '" + name + "' is not a Glue name; expected lowercase letters, "
                    + "digits and underscores, at most " + max + " characters");
        }
        return name;
    }

    /** An {@code s3://bucket/prefix/} URI, returned ending with {@code /}. */
    static String s3Prefix(String field, String value) {
        String uri = required(field, value, "an S3 URI such as s3://bucket/prefix/");
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || !"s3".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw new IllegalArgumentException(field + " '" + uri + "' is not an S3 URI; expected s3://bucket/prefix/");
        }
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static String roleArn(String field, String value) {
        String arn = required(field, value, "an IAM role ARN, arn:aws:iam::<account>:role/<name>");
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException(field + " '" + arn
                    + "' is not an IAM role ARN; expected arn:aws:iam::<12-digit account id>:role/<name>");
        }
        return arn;
    }
}
