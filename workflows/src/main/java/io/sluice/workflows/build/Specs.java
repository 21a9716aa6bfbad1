package io.sluice.workflows.build;

import io.sluice.workflows.RoleArn;
import io.sluice.workflows.S3Uri;
import java.time.Duration;
import java.util.regex.Pattern;

/** Checks shared by the spec records' {@code validate()}; each failure names the field and what is expected. */
final class Specs {
    static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:states:[a-z0-9-]+:\\d{12}:stateMachine:[\\w-]{1,80}");
    static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");

    private Specs() {}

    /** A flow output as Data Wrangler names processing outputs: {@code <node_id>.<output>}. */
    static void flowOutput(String field, String value) {
        required(field, value, "a flow output <node_id>.<output name>, e.g. 3f1c....train");
        int dot = value.lastIndexOf('.');
        if (dot <= 0 || dot == value.length() - 1) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a flow output; expected <node_id>.<output name>, e.g. 3f1c....train");
        }
    }

    /** {@code value} stripped, or {@code fallback} when it is null or blank: a default, never a check. */
    static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static void required(String field, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected " + expected);
        }
    }

    static void s3Uri(String field, String value) {
        S3Uri.parse(field, value);
    }

    /** An S3 URI, or a catalog table {@code glue://<database>/<table>[?account=<alias>]}. */
    static void input(String field, String value) {
        required(field, value, "an S3 URI or glue://<database>/<table>");
        if (value.startsWith("glue://")) {
            if (!value.matches("glue://[a-z0-9_]{1,255}/[a-z0-9_]{1,255}(\\?account=[\\w-]+)?")) {
                throw new IllegalArgumentException(field + " '" + value
                        + "' is not a catalog table; expected glue://<database>/<table> with Glue names, optionally ?account=<alias>");
            }
            return;
        }
        s3Uri(field, value);
    }

    static void sageMakerName(String field, String value) {
        required(field, value, "a SageMaker name (letters, digits and hyphens, at most 63)");
        if (!SAGEMAKER_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a SageMaker name; expected letters, digits and single hyphens, at most 63 characters");
        }
    }

    static void roleArn(String field, String value) {
        RoleArn.parse(field, value);
    }

    static void instanceType(String field, String value) {
        if (!INSTANCE_TYPE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a SageMaker instance type; expected e.g. ml.m5.xlarge");
        }
    }

    static void positive(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(field + " is " + value + "; expected a whole number from 1 to " + max);
        }
    }

    static void duration(String field, Duration value, Duration max) {
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " is " + value + "; expected a positive ISO-8601 duration up to " + max);
        }
    }
}
