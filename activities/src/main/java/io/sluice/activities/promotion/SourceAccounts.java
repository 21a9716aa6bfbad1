package io.sluice.activities.promotion;

import io.sluice.activities.aws.AwsAccount;
import io.sluice.activities.aws.AwsSettings;
import java.util.List;
import software.amazon.awssdk.arns.Arn;

/**
 * The account a promotion reads its source from: the one its model package ARN names. A
 * promotion spec's {@code sourceAccount}, when it gives one, must be that account's alias.
 */
public final class SourceAccounts {
    private SourceAccounts() {}

    /**
     * The alias of the account {@code packageArn} is in.
     *
     * @param declared the spec's {@code sourceAccount}; empty: whichever alias has the ARN's account id
     * @throws IllegalArgumentException naming {@code field} when the config has no account of that id,
     *     or {@code declared} is another account's alias
     */
    public static String of(AwsSettings settings, String field, String declared, String packageArn) {
        String accountId;
        try {
            accountId = Arn.fromString(packageArn).accountId().orElse("");
        } catch (IllegalArgumentException e) {
            accountId = "";
        }
        if (accountId.isEmpty()) {
            throw new IllegalArgumentException("model package '" + packageArn + "' is not an ARN naming its account; expected "
                    + "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
        }
        String id = accountId;
        List<String> aliases = settings.accounts().values().stream().filter(account -> account.id().equals(id))
                .map(AwsAccount::alias).sorted().toList();
        if (!declared.isEmpty()) {
            String declaredId = settings.account(declared).id();
            if (!declaredId.equals(id)) {
                throw new IllegalArgumentException(field + " '" + declared + "' is account " + declaredId + ", but model package "
                        + packageArn + " is in account " + id + (aliases.isEmpty() ? ", which the config does not name"
                                : "; expected " + String.join(" or ", aliases) + ", or leave " + field + " out"));
            }
            return declared;
        }
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException("model package " + packageArn + " is in account " + id + ", which the config "
                    + "does not name; add it to accounts: (its alias, id and Sluice role)");
        }
        return aliases.get(0);
    }
}
