package io.sluice.workflows;

import java.util.regex.Pattern;

/** The one check that a value names a SageMaker model package, for the requests that take one. */
public final class ModelPackageArns {
    private static final Pattern ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:sagemaker:[a-z0-9-]+:\\d{12}:model-package/.+");

    private ModelPackageArns() {}

    /** @throws IllegalArgumentException naming {@code field} when {@code value} is not a model package ARN */
    public static void check(String field, String value) {
        if (!ARN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a model package ARN; expected arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
        }
    }
}
