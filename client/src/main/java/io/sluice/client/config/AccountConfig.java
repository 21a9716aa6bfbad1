package io.sluice.client.config;

import io.sluice.workflows.AwsAccount;

/**
 * An entry of {@code accounts:}: the account's id and the role Sluice assumes there. Validated
 * when it becomes an {@link AwsAccount}, which knows the alias.
 */
public record AccountConfig(String id, String roleArn) {
    AwsAccount toAccount(String alias) {
        return new AwsAccount(alias, id, roleArn);
    }
}
