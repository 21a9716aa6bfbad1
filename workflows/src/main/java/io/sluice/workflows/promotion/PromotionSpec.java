package io.sluice.workflows.promotion;

import io.sluice.workflows.Validated;
import java.net.URI;
import java.util.List;

/**
 * How to promote: what {@code promote.yaml} holds. Every field has a default, so a promotion
 * needs only the source model package.
 *
 * @param sourceAccount the account alias of the source package; default (empty): the account its ARN
 *     names. When given, it must be that account's alias
 * @param targetAccount the shared-services account alias (default {@code shared})
 * @param targetGroup the central model package group (default: the source's group name)
 * @param artifactPrefix where copied S3 artifacts go, {@code s3://bucket/prefix} (required)
 * @param kmsKey KMS key for the copies (SSE-KMS), or empty for the bucket's default
 * @param pullAccounts account aliases that may pull the copied images (default test and prod)
 * @param deployOnApproval start DeployModel once the ML engineer approves
 * @param deployment how to deploy, required with {@code deployOnApproval}
 */
public record PromotionSpec(String sourceAccount, String targetAccount, String targetGroup, String artifactPrefix,
        String kmsKey, List<String> pullAccounts, Boolean deployOnApproval, io.sluice.workflows.deployment.DeploymentSpec deployment) implements Validated {
    public PromotionSpec {
        sourceAccount = blankTo(sourceAccount, "");
        targetAccount = blankTo(targetAccount, "shared");
        targetGroup = blankTo(targetGroup, "");
        artifactPrefix = blankTo(artifactPrefix, "").replaceAll("/+$", "");
        kmsKey = blankTo(kmsKey, "");
        pullAccounts = pullAccounts == null ? List.of("test", "prod") : List.copyOf(pullAccounts);
        deployOnApproval = deployOnApproval != null && deployOnApproval;
    }

    @Override
    public void validate() {
        if (!targetGroup.isEmpty() && !targetGroup.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
            throw new IllegalArgumentException("targetGroup '" + targetGroup
                    + "' is not a SageMaker name; expected letters, digits and single hyphens, at most 63 characters");
        }
        if (artifactPrefix.isEmpty()) {
            throw new IllegalArgumentException("artifactPrefix is missing; expected where the shared account keeps copies, "
                    + "e.g. s3://shared-artifacts/models");
        }
        URI uri;
        try {
            uri = URI.create(artifactPrefix);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("artifactPrefix '" + artifactPrefix + "' is not an S3 URI; expected s3://bucket/prefix");
        }
        if (deployOnApproval && deployment == null) {
            throw new IllegalArgumentException("deployment is missing; deployOnApproval needs the deployment spec (endpointName, test, prod, integrationTests)");
        }
        if (deployment != null) {
            deployment.validate();
        }
        if (sourceAccount.equals(targetAccount)) {
            throw new IllegalArgumentException("targetAccount is the same as sourceAccount (" + sourceAccount
                    + "); expected the shared-services account");
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
