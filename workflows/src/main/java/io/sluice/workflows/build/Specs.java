package io.sluice.workflows.build;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** Checks shared by the spec records; each failure names the field and what is expected. */
final class Specs {
    static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:states:[a-z0-9-]+:\\d{12}:stateMachine:[\\w-]{1,80}");
    static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");

    private Specs() {}

    /** A flow output as Data Wrangler names processing outputs: {@code <node_id>.<output>}. */
    static String flowOutput(String field, String value) {
        String output = required(field, value, "a flow output <node_id>.<output name>, e.g. 3f1c....train");
        int dot = output.lastIndexOf('.');
        if (dot <= 0 || dot == output.length() - 1) {
            throw new IllegalArgumentException(field + " '" + output
                    + "' is not a flow output; expected <node_id>.<output name>, e.g. 3f1c....train");
        }
        return output;
    }

    static String text(String field, String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static String required(String field, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected " + expected);
        }
        return value.strip();
    }

    static String s3Uri(String field, String value) {
        String uri = required(field, value, "an S3 URI such as s3://bucket/key");
        if (!isS3Uri(uri)) {
            throw new IllegalArgumentException(field + " '" + uri + "' is not an S3 URI; expected s3://bucket/key");
        }
        return uri;
    }

    static boolean isS3Uri(String value) {
        try {
            URI uri = URI.create(value);
            return "s3".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An S3 URI, or a catalog table {@code glue://<database>/<table>[?account=<alias>]}. */
    static String input(String field, String value) {
        String input = required(field, value, "an S3 URI or glue://<database>/<table>");
        if (input.startsWith("glue://")) {
            if (!input.matches("glue://[a-z0-9_]{1,255}/[a-z0-9_]{1,255}(\\?account=[\\w-]+)?")) {
                throw new IllegalArgumentException(field + " '" + input
                        + "' is not a catalog table; expected glue://<database>/<table> with Glue names, optionally ?account=<alias>");
            }
            return input;
        }
        return s3Uri(field, input);
    }

    static String sageMakerName(String field, String value) {
        String name = required(field, value, "a SageMaker name (letters, digits and hyphens, at most 63)");
        if (!SAGEMAKER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name
                    + "' is not a SageMaker name; expected letters, digits and single hyphens, at most 63 characters");
        }
        return name;
    }

    static String instanceType(String field, String value, String fallback) {
        String type = text(field, value, fallback);
        if (!INSTANCE_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(field + " '" + type + "' is not a SageMaker instance type; expected e.g. ml.m5.xlarge");
        }
        return type;
    }

    static int positive(String field, Integer value, int fallback, int max) {
        int result = value == null ? fallback : value;
        if (result < 1 || result > max) {
            throw new IllegalArgumentException(field + " is " + result + "; expected a whole number from 1 to " + max);
        }
        return result;
    }

    static Duration duration(String field, Duration value, Duration fallback, Duration max) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero() || result.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " is " + result + "; expected a positive ISO-8601 duration up to " + max);
        }
        return result;
    }
}
