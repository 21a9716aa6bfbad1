package io.sluice.sandbox;

import java.util.Objects;

/**
 * An account of the local stack: an alias, a 12-digit id, and the resources the foundations give it.
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

    /**
     * The account's artifact bucket; S3 bucket names are global, so it carries the id. Only the
     * accounts of {@link #hasArtifactBucket()} have one.
     */
    public String artifactBucket() {
        return "sluice-" + alias + "-" + id;
    }

    /**
     * Whether the account has an artifact bucket: the producer's data and the development
     * accounts' artifacts (the teams' own buckets) and shared services' bucket (from
     * shared-services.yaml). Governance, test and prod keep nothing in S3 of their own.
     */
    public boolean hasArtifactBucket() {
        return alias.equals("producer") || isDevelopment() || alias.equals("shared");
    }

    /** Whether models are built here: dev, or the local stack's second development account. */
    public boolean isDevelopment() {
        return alias.equals("dev") || alias.equals(LocalAws.SECOND_DEV_ACCOUNT);
    }
}
