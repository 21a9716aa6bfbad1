package io.sluice.activities.aws;

import io.sluice.workflows.AwsAccount;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AwsClients} needs to build clients.
 *
 * @param region the region every client uses
 * @param accounts the accounts by alias
 * @param apiCallTimeout the limit for one API call including the SDK's own retries
 * @param apiCallAttemptTimeout the limit for a single HTTP attempt
 * @param endpointOverride the endpoint every service is sent to (the local stack), or empty for AWS
 * @param callLog a file to append every AWS call to as a line of JSON, or empty for none
 */
public record AwsSettings(
        String region,
        Map<String, AwsAccount> accounts,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        String endpointOverride,
        String callLog) {

    public AwsSettings {
        Objects.requireNonNull(region, "region is null");
        accounts = Map.copyOf(Objects.requireNonNull(accounts, "accounts is null"));
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout is null");
        Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout is null");
        Objects.requireNonNull(endpointOverride, "endpointOverride is null (use \"\" for none)");
        if (!endpointOverride.isEmpty()) {
            URI.create(endpointOverride);
        }
        Objects.requireNonNull(callLog, "callLog is null (use \"\" for none)");
    }

    /** Settings that log no calls. */
    public AwsSettings(String region, Map<String, AwsAccount> accounts, Duration apiCallTimeout, Duration apiCallAttemptTimeout,
            String endpointOverride) {
        this(region, accounts, apiCallTimeout, apiCallAttemptTimeout, endpointOverride, "");
    }

    /**
     * Whether the clients talk to the local stand-in for AWS: its accommodations
     * ({@code Local*} classes, one per service) apply only then, never on AWS.
     */
    public boolean localStandIn() {
        return !endpointOverride.isEmpty();
    }

    /** The endpoint override, when the clients talk to a local stand-in for AWS. */
    public Optional<URI> endpoint() {
        return endpointOverride.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpointOverride));
    }

    /** The account ids by alias. */
    public Map<String, String> accountIds() {
        var ids = new TreeMap<String, String>();
        accounts.forEach((alias, account) -> ids.put(alias, account.id()));
        return ids;
    }

    /** The account of {@code alias}; fails naming the aliases there are. */
    public AwsAccount account(String alias) {
        var account = accounts.get(alias);
        if (account == null) {
            throw new IllegalArgumentException(
                    "no account with alias '" + alias + "' in config; accounts are " + accounts.keySet().stream().sorted().toList());
        }
        return account;
    }
}
