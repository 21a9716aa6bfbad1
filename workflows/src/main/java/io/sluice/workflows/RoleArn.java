package io.sluice.workflows;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IAM role, as its ARN names it: {@code arn:<partition>:iam::<account>:role/<path/name>}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, …
 * @param account the 12-digit account id the role belongs to
 * @param name the role's path and name, e.g. {@code SluiceWorker} or {@code service-role/SluiceWorker}
 */
public record RoleArn(String partition, String account, String name) {
    private static final Pattern ARN = Pattern.compile("arn:(aws(?:-[a-z]+)*):iam::(\\d{12}):role/([\\w+=,.@/-]{1,512})");

    public RoleArn {
        Objects.requireNonNull(partition, "partition is null");
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(name, "name is null");
    }

    /** @throws IllegalArgumentException naming {@code field} when {@code value} is missing or not an IAM role ARN */
    public static RoleArn parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing; expected an IAM role ARN, arn:aws:iam::<account>:role/<name>");
        }
        var matcher = ARN.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not an IAM role ARN; expected arn:aws:iam::<12-digit account id>:role/<name>");
        }
        return new RoleArn(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }
}
