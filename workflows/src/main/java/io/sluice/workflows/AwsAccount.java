package io.sluice.workflows;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One AWS account Sluice works in, reached by assuming {@code roleArn}.
 *
 * @param alias the name config and specs use for the account, e.g. {@code dev} or {@code shared}
 * @param id the 12-digit account id
 * @param roleArn the IAM role the worker assumes in that account; it must belong to {@code id}
 */
public record AwsAccount(String alias, String id, String roleArn) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public AwsAccount {
        Objects.requireNonNull(alias, "alias is null");
        if (id == null) {
            throw new IllegalArgumentException("id is missing; expected the 12-digit account id");
        }
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' is not an account id; expected 12 digits, quoted in YAML");
        }
        if (roleArn == null) {
            throw new IllegalArgumentException(
                    "roleArn is missing; expected the role to assume, e.g. arn:aws:iam::" + id + ":role/SluiceWorker");
        }
        String roleAccount = RoleArn.parse("roleArn", roleArn).account();
        if (!roleAccount.equals(id)) {
            throw new IllegalArgumentException("roleArn '" + roleArn + "' belongs to account " + roleAccount
                    + ", but id is " + id + "; expected a role in the same account");
        }
    }

    /** How messages name the account: {@code dev (111111111111)}. */
    public String describe() {
        return alias + " (" + id + ")";
    }
}
