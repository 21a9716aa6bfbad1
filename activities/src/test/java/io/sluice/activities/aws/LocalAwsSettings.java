package io.sluice.activities.aws;

import io.sluice.sandbox.LocalAws;
import io.sluice.workflows.AwsAccount;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link AwsSettings} for the sandbox's accounts and endpoint. */
public final class LocalAwsSettings {
    private LocalAwsSettings() {}

    public static AwsSettings of(LocalAws localAws) {
        return forEndpoint(localAws, localAws.awsEndpoint().toString());
    }

    public static AwsSettings forEndpoint(LocalAws localAws, String endpoint) {
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        localAws.accounts().forEach(account ->
                accounts.put(account.alias(), new AwsAccount(account.alias(), account.id(), account.workerRoleArn())));
        return new AwsSettings(LocalAws.REGION, accounts, Duration.ofSeconds(20), Duration.ofSeconds(5), endpoint);
    }
}
