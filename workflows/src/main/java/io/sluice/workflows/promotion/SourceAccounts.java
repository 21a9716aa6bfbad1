package io.sluice.workflows.promotion;

import io.sluice.workflows.registry.ModelPackageArn;
import java.util.List;
import java.util.Map;

/**
 * The account a promotion reads its source from: the one its model package ARN names. A
 * promotion spec's {@code sourceAccount}, when it gives one, must be that account's alias.
 */
public final class SourceAccounts {
    private SourceAccounts() {}

    /**
     * The alias of the account {@code packageArn} is in.
     *
     * @param accountIds the config's account ids by alias
     * @param declared the spec's {@code sourceAccount}; empty: whichever alias has the ARN's account id
     * @throws IllegalArgumentException naming {@code field} when the config has no account of that id,
     *     or {@code declared} is another account's alias
     */
    public static String of(Map<String, String> accountIds, String field, String declared, String packageArn) {
        String id = ModelPackageArn.parse("model package", packageArn).account();
        List<String> aliases = accountIds.entrySet().stream().filter(account -> account.getValue().equals(id))
                .map(Map.Entry::getKey).sorted().toList();
        if (!declared.isEmpty()) {
            String declaredId = accountIds.get(declared);
            if (declaredId == null) {
                throw new IllegalArgumentException(field + " '" + declared + "' is not an account of the config; accounts are "
                        + accountIds.keySet().stream().sorted().toList());
            }
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
