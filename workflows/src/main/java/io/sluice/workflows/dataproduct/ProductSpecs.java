package io.sluice.workflows.dataproduct;

import io.sluice.workflows.RoleArn;
import io.sluice.workflows.S3Uri;
import java.util.regex.Pattern;

/** Checks shared by the data-product records; each failure names the field and what is expected. */
final class ProductSpecs {
    /** A Glue database, table or column name: lowercase letters, digits and underscores, at most 255. */
    static final Pattern GLUE_NAME = Pattern.compile("[a-z0-9_]{1,255}");

    private ProductSpecs() {}

    static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static void required(String field, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected " + expected);
        }
    }

    static void glueName(String field, String value, int max) {
        required(field, value, "a Glue name (lowercase letters, digits and underscores)");
        if (!GLUE_NAME.matcher(value).matches() || value.length() > max) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a Glue name; expected lowercase letters, "
                    + "digits and underscores, at most " + max + " characters");
        }
    }

    static void s3Prefix(String field, String value) {
        required(field, value, "an S3 URI such as s3://bucket/prefix/");
        if (!S3Uri.isS3Uri(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an S3 URI; expected s3://bucket/prefix/");
        }
    }

    /** {@code value} stripped and ending in {@code /}, or empty: a normalisation, never a check. */
    static String prefix(String value) {
        String text = text(value, "");
        return text.isEmpty() || text.endsWith("/") ? text : text + "/";
    }

    static void roleArn(String field, String value) {
        RoleArn.parse(field, value);
    }
}
