package io.sluice.client.config;

import io.sluice.workflows.AwsAccount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole {@code sluice.yaml}: region, accounts by alias, Temporal connection, approval gates,
 * AWS call limits and the local-stack overrides. Every estate names the six accounts of {@link #REQUIRED_ACCOUNTS};
 * more aliases (a second producer, say) may follow.
 */
public record SluiceConfig(
        String region,
        Map<String, AccountConfig> accounts,
        TemporalConfig temporal,
        ApprovalsConfig approvals,
        AwsConfig aws,
        CopyConfig copy,
        LocalConfig local) {

    /** The account aliases every estate has. */
    public static final List<String> REQUIRED_ACCOUNTS = List.of("governance", "producer", "dev", "shared", "test", "prod");

    public SluiceConfig {
        if (region == null || !region.matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d")) {
            throw new IllegalArgumentException("region " + (region == null ? "is missing" : "'" + region + "' is not an AWS region")
                    + "; expected e.g. eu-west-1");
        }
        if (accounts == null) {
            throw new IllegalArgumentException("accounts is missing; expected the accounts " + REQUIRED_ACCOUNTS
                    + ", each with id and roleArn");
        }
        List<String> missing = new ArrayList<>(REQUIRED_ACCOUNTS);
        missing.removeAll(accounts.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("accounts: missing " + missing + "; every estate names the accounts "
                    + REQUIRED_ACCOUNTS + ", each with id and roleArn");
        }
        accounts.forEach((alias, account) -> {
            if (account == null) {
                throw new IllegalArgumentException("accounts." + alias + " is empty; expected id and roleArn");
            }
            try {
                account.toAccount(alias);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("accounts." + alias + "." + e.getMessage(), e);
            }
        });
        accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
        temporal = temporal == null ? TemporalConfig.plain(null, null) : temporal;
        if (approvals == null) {
            throw new IllegalArgumentException("approvals is missing; expected approvals.gates with the approvers of "
                    + io.sluice.workflows.approval.Gates.ALL);
        }
        aws = aws == null ? AwsConfig.DEFAULTS : aws;
        copy = copy == null ? CopyConfig.DEFAULTS : copy;
        local = local == null ? LocalConfig.NONE : local;
    }

    /** The account ids by alias. */
    public Map<String, String> accountIds() {
        Map<String, String> ids = new TreeMap<>();
        accounts.forEach((alias, account) -> ids.put(alias, account.id()));
        return ids;
    }

    /** The accounts, validated, by alias. */
    public Map<String, AwsAccount> awsAccounts() {
        Map<String, AwsAccount> result = new LinkedHashMap<>();
        accounts.forEach((alias, account) -> result.put(alias, account.toAccount(alias)));
        return result;
    }
}
