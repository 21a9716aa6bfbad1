package io.sluice.activities.aws;

import io.sluice.workflows.FailureType;
import java.util.Map;

/**
 * The AWS-owned images Sluice defaults to, per region: the Data Wrangler processing container and
 * the built-in XGBoost algorithm. Every account can pull them, so promotion leaves them as they are.
 */
public final class RegionImages {
    /** Registry account of the Data Wrangler container by region. */
    private static final Map<String, String> DATA_WRANGLER = Map.ofEntries(
            Map.entry("us-east-1", "663277389841"), Map.entry("us-east-2", "415577184552"),
            Map.entry("us-west-1", "926135532090"), Map.entry("us-west-2", "174368400705"),
            Map.entry("eu-west-1", "245179582081"), Map.entry("eu-west-2", "894491911112"),
            Map.entry("eu-central-1", "024640144536"), Map.entry("eu-north-1", "054986407534"),
            Map.entry("ap-southeast-1", "119527597002"), Map.entry("ap-southeast-2", "422173101802"),
            Map.entry("ap-northeast-1", "649008135260"), Map.entry("ap-south-1", "089933028263"),
            Map.entry("ca-central-1", "557239378090"));
    /** Registry account of the built-in XGBoost algorithm by region. */
    private static final Map<String, String> XGBOOST = Map.ofEntries(
            Map.entry("us-east-1", "683313688378"), Map.entry("us-east-2", "257758044811"),
            Map.entry("us-west-1", "746614075791"), Map.entry("us-west-2", "246618743249"),
            Map.entry("eu-west-1", "141502667606"), Map.entry("eu-west-2", "764974769150"),
            Map.entry("eu-central-1", "492215442770"), Map.entry("eu-north-1", "662702820516"),
            Map.entry("ap-southeast-1", "121021644041"), Map.entry("ap-southeast-2", "783357654285"),
            Map.entry("ap-northeast-1", "354813040037"), Map.entry("ap-south-1", "720646828776"),
            Map.entry("ca-central-1", "341280168497"));
    static final String DATA_WRANGLER_TAG = "sagemaker-data-wrangler-container:1.x";
    static final String XGBOOST_TAG = "sagemaker-xgboost:1.7-1";

    private RegionImages() {}

    /** {@code image} if set, else the region's Data Wrangler container. */
    public static String dataWrangler(String image, String region) {
        return image.isEmpty() ? uri(DATA_WRANGLER, region, DATA_WRANGLER_TAG, "processing.image") : image;
    }

    /** {@code image} if set, else the region's built-in XGBoost. */
    public static String xgboost(String image, String region) {
        return image.isEmpty() ? uri(XGBOOST, region, XGBOOST_TAG, "training.image") : image;
    }

    /** Whether {@code image} is one of the AWS-owned images above (any region). */
    public static boolean isAwsOwned(String image) {
        String account = image.contains(".") ? image.substring(0, image.indexOf('.')) : "";
        return DATA_WRANGLER.containsValue(account) || XGBOOST.containsValue(account);
    }

    /** The regions whose default images are known. */
    static java.util.Set<String> regions() {
        return java.util.Set.copyOf(DATA_WRANGLER.keySet());
    }

    private static String uri(Map<String, String> accounts, String region, String tag, String field) {
        String account = accounts.get(region);
        if (account == null) {
            throw FailureType.INVALID_INPUT.failure("no default image is known for region " + region + "; set "
                    + field + " in the build spec");
        }
        return account + ".dkr.ecr." + region + ".amazonaws.com/" + tag;
    }
}
