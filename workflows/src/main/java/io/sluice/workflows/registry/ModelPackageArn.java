package io.sluice.workflows.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A versioned SageMaker model package, as its ARN names it:
 * {@code arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, …
 * @param region the package's region
 * @param account the 12-digit id of the account whose registry holds it
 * @param group the model package group
 * @param version the version within the group, from 1
 */
public record ModelPackageArn(String partition, String region, String account, String group, int version) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws(?:-[a-z]+)*):sagemaker:([a-z0-9-]+):(\\d{12}):model-package/([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})/([1-9]\\d{0,9})");
    private static final String EXPECTED = "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>";

    public ModelPackageArn {
        Objects.requireNonNull(partition, "partition is null");
        Objects.requireNonNull(region, "region is null");
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(group, "group is null");
    }

    /** @throws IllegalArgumentException naming {@code field} when {@code value} is not a versioned model package ARN */
    public static ModelPackageArn parse(String field, String value) {
        var matcher = value == null ? null : ARN.matcher(value);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(field + (value == null ? " is missing" : " '" + value + "' is not a model package ARN")
                    + "; expected " + EXPECTED);
        }
        long version = Long.parseLong(matcher.group(5));
        if (version > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " '" + value + "' has version " + version + ", more than a registry holds");
        }
        return new ModelPackageArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), (int) version);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":model-package/" + group + "/" + version;
    }
}
