package io.sluice.workflows;

import java.util.Objects;
import java.util.regex.Pattern;

/** Workflow ids, built only from business keys: wire contracts that make runs idempotent. */
public final class WorkflowIds {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private WorkflowIds() {}

    /** {@code build/<model-package-group>/<run-key>}: one BuildModel run per group and key. */
    public static String build(String modelPackageGroup, String runKey) {
        return "build/" + key("modelPackageGroup", modelPackageGroup) + "/" + key("runKey", runKey);
    }

    /** {@code promote/<source-model-package-arn>}: one promotion per source package. */
    public static String promote(String sourceModelPackageArn) {
        return "promote/" + Objects.requireNonNull(sourceModelPackageArn, "sourceModelPackageArn is null");
    }

    /** {@code deploy/<endpoint-name>}: one deployment per endpoint at a time. */
    public static String deploy(String endpointName) {
        return "deploy/" + key("endpointName", endpointName);
    }

    /** {@code data-product/<domain>/<name>}. */
    public static String dataProduct(String domain, String name) {
        return "data-product/" + key("domain", domain) + "/" + key("name", name);
    }

    private static String key(String field, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' cannot be part of a workflow id; expected letters, digits, '.', '_' or '-' (at most 128)");
        }
        return value;
    }
}
