package io.sluice.activities.aws;

import io.sluice.workflows.AwsAccount;
import java.util.Objects;

/**
 * What an activity was doing when an AWS call failed, so the failure message says it in words.
 *
 * @param account the account the call was made in
 * @param service the service, e.g. {@code s3}
 * @param action the API action, e.g. {@code CopyObject}
 * @param resource what the call was about, e.g. {@code s3://bucket/key}
 */
public record AwsOperation(AwsAccount account, String service, String action, String resource) {
    public AwsOperation {
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(service, "service is null");
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(resource, "resource is null");
    }

    String describe() {
        return service + " " + action + " on " + resource + " in account " + account.describe();
    }
}
