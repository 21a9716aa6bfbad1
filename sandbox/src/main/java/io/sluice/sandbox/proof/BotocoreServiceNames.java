package io.sluice.sandbox.proof;

import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * botocore's folder name for each service Sluice calls, by the name the SDK reports in
 * {@code SdkExecutionAttribute.SERVICE_NAME}. The SDK derives that name from its client class, so its case
 * varies ({@code SageMaker}, {@code S3}, but {@code Ecr}, {@code Sfn}, {@code Sts}, {@code Iam},
 * {@code Kms}); it is matched ignoring case.
 */
final class BotocoreServiceNames {
    private static final Map<String, String> FOLDER_BY_SDK_NAME = Map.ofEntries(
            Map.entry("cloudformation", "cloudformation"),
            Map.entry("ecr", "ecr"),
            Map.entry("glue", "glue"),
            Map.entry("iam", "iam"),
            Map.entry("kms", "kms"),
            Map.entry("lakeformation", "lakeformation"),
            Map.entry("s3", "s3"),
            Map.entry("sagemaker", "sagemaker"),
            Map.entry("sagemakerruntime", "sagemaker-runtime"),
            Map.entry("sfn", "stepfunctions"),
            Map.entry("sts", "sts"));

    private BotocoreServiceNames() {}

    /**
     * botocore's folder for {@code sdkServiceName}.
     *
     * @throws IllegalArgumentException if the service is not one whose model is mapped
     */
    static String folderOf(String sdkServiceName) {
        String folder = FOLDER_BY_SDK_NAME.get(sdkServiceName.toLowerCase(Locale.ROOT));
        if (folder == null) {
            throw new IllegalArgumentException("no botocore model is mapped for SDK service '" + sdkServiceName
                    + "'; the mapped services are " + new TreeSet<>(FOLDER_BY_SDK_NAME.keySet())
                    + ". Add the service to " + BotocoreServiceNames.class.getSimpleName());
        }
        return folder;
    }

    /**
     * The SDK's package for botocore's {@code folder} ({@code software.amazon.awssdk.services.<package>}):
     * the SDK names a service's package as it names the service, in lower case.
     */
    static String sdkPackageOf(String folder) {
        return FOLDER_BY_SDK_NAME.entrySet().stream().filter(entry -> entry.getValue().equals(folder)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no SDK service is mapped to botocore folder '" + folder + "'"));
    }

    /** Every mapped botocore folder. */
    static SortedSet<String> folders() {
        return new TreeSet<>(FOLDER_BY_SDK_NAME.values());
    }
}
