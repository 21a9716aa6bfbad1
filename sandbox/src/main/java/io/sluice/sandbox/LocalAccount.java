package io.sluice.sandbox;

import java.util.Objects;

/**
 * An account of the local stack: an alias, a 12-digit id, and the resources seeding gives it.
 *
 * @param alias the account's alias, as in {@code sluice.yaml}
 * @param id the 12-digit account id moto keeps its resources under
 */
public record LocalAccount(String alias, String id) {
    /** Name of the role Sluice assumes in every account. */
    public static final String WORKER_ROLE = "SluiceWorker";
    /** Name of the role SageMaker jobs and endpoints run as. */
    public static final String EXECUTION_ROLE = "SluiceSageMakerExecution";

    public LocalAccount {
        Objects.requireNonNull(alias, "alias is null");
        Objects.requireNonNull(id, "id is null");
    }

    public String workerRoleArn() {
        return "arn:aws:iam::" + id + ":role/" + WORKER_ROLE;
    }

    public String executionRoleArn() {
        return "arn:aws:iam::" + id + ":role/" + EXECUTION_ROLE;
    }

    /** The account's artifact bucket; S3 bucket names are global, so it carries the id. */
    public String artifactBucket() {
        return "sluice-" + alias + "-" + id;
    }
}
