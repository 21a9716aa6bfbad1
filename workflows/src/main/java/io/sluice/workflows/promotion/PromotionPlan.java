package io.sluice.workflows.promotion;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What promoting a package involves, read from the source package.
 *
 * @param sourcePackageArn the source package
 * @param sourceGroup its group
 * @param sourceVersion its version
 * @param approvalStatus its approval status (promotion requires Approved)
 * @param description its description
 * @param containers its inference containers, as they are in the source
 * @param metricsUri its model quality statistics, or empty
 * @param metrics the figures in those statistics
 * @param approvalDescription what the source's approver recorded
 * @param metadata its customer metadata
 * @param artifacts each S3 object to copy, source URI → target: its URI, or in plans asked for names
 *     ({@link PromotionActivities.PlanRequest#namesUnderTargetPrefix}) its name under {@code targetPrefix};
 *     read them with {@link #targets}
 * @param images each image to copy, source → target reference; AWS-owned images are not listed
 * @param testSplit where the copy of the source's test split goes (an S3 prefix its objects are among
 *     {@code artifacts}), as a URI or a name under {@code targetPrefix}, or empty when the source records
 *     none; read it with {@link #testSplitTarget}
 * @param sourceAccount the alias of the account the source package is in, as its ARN names it; empty
 *     in plans recorded before it was read from the ARN, whose source was the spec's sourceAccount
 * @param targetPrefix the S3 prefix the package's artifacts are copied under, where the record of the
 *     copies goes; empty in plans recorded before it was planned
 */
public record PromotionPlan(String sourcePackageArn, String sourceGroup, int sourceVersion, String approvalStatus,
        String description, List<Container> containers, String metricsUri, Map<String, Double> metrics,
        String approvalDescription, Map<String, String> metadata, Map<String, String> artifacts, Map<String, String> images,
        String testSplit, String sourceAccount, String targetPrefix) {
    public PromotionPlan {
        targetPrefix = targetPrefix == null ? "" : targetPrefix;
        testSplit = testSplit == null ? "" : testSplit;
        sourceAccount = sourceAccount == null ? "" : sourceAccount;
        metrics = Map.copyOf(metrics);
        containers = List.copyOf(containers);
        metadata = Map.copyOf(metadata);
        artifacts = Map.copyOf(artifacts);
        images = Map.copyOf(images);
    }

    /** Each S3 object to copy, source URI → target URI, whichever way the plan names targets. */
    public Map<String, String> targets() {
        Map<String, String> targets = new TreeMap<>();
        artifacts.forEach((source, target) -> targets.put(source, underTargetPrefix(target)));
        return targets;
    }

    /** Where the copy of the test split goes, as a URI; empty when the source records none. */
    public String testSplitTarget() {
        return testSplit.isEmpty() ? "" : underTargetPrefix(testSplit);
    }

    /** {@code uri}'s name under {@code targetPrefix}, as a plan that names targets keeps it; {@code uri} itself when outside it. */
    public static String nameUnder(String targetPrefix, String uri) {
        String base = folder(targetPrefix);
        return uri.startsWith(base) && uri.length() > base.length() ? uri.substring(base.length()) : uri;
    }

    private String underTargetPrefix(String target) {
        return target.startsWith("s3://") || targetPrefix.isEmpty() ? target : folder(targetPrefix) + target;
    }

    private static String folder(String prefix) {
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** One inference container: its image and model data. */
    public record Container(String image, String modelDataUrl, Map<String, String> environment) {
        public Container {
            environment = Map.copyOf(environment);
        }
    }
}
