package io.sluice.starter.aws;

import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.IamPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The KMS permissions S3 needs of a caller when an object is encrypted with a KMS key: S3 asks
 * KMS as the caller, so the caller's identity policy and the key's policy must both allow it.
 * Writing an object needs {@code kms:GenerateDataKey}; a multipart upload, or a write AWS makes for
 * a job, also {@code kms:Decrypt}; reading one (a copy's source included) needs {@code kms:Decrypt}.
 * Reading an object's metadata ({@code HeadObject}) needs no key. The key is the one the request
 * names, else the bucket's default encryption key.
 */
final class S3KmsUse {
    /** Operations that write an object in a single request: the data key is generated, never decrypted. */
    private static final Set<String> SINGLE_WRITES = Set.of("PutObject", "CopyObject");
    /** Operations that read an object's bytes, or the copy source's. */
    private static final Set<String> READS = Set.of("GetObject", "CopyObject", "UploadPartCopy");

    /** A KMS permission with the condition keys S3 sets when it calls KMS for the caller. */
    record KmsPermission(IamPermission permission, Map<String, List<String>> context) {}

    private final String region;
    private final Function<String, Optional<String>> bucketKey;

    /**
     * @param region the estate's region, for {@code kms:ViaService}
     * @param bucketKey the ARN of the KMS key a bucket encrypts new objects with by default, if any
     */
    S3KmsUse(String region, Function<String, Optional<String>> bucketKey) {
        this.region = region;
        this.bucketKey = bucketKey;
    }

    /** What KMS must allow the caller of {@code call} for its {@code permission}: nothing unless that is an S3 object access. */
    List<KmsPermission> of(AwsCall call, IamPermission permission) {
        if (!permission.resourceArn().startsWith("arn:aws:s3:::") || !permission.resourceArn().contains("/")) {
            return List.of();
        }
        List<String> actions = new ArrayList<>();
        boolean onBehalf = call.kind() == AwsCall.Kind.ON_BEHALF;
        if (permission.action().equals("s3:PutObject")) {
            actions.add("kms:GenerateDataKey");
            if (onBehalf || !SINGLE_WRITES.contains(call.operation())) {
                actions.add("kms:Decrypt");
            }
        } else if (permission.action().equals("s3:GetObject") && (onBehalf || READS.contains(call.operation()))) {
            actions.add("kms:Decrypt");
        }
        if (actions.isEmpty()) {
            return List.of();
        }
        Optional<String> key = requestedKey(call, permission).or(() -> bucketKey.apply(bucket(permission.resourceArn())));
        if (key.isEmpty()) {
            return List.of();
        }
        var context = Map.of("kms:ViaService", List.of("s3." + region + ".amazonaws.com"),
                "kms:CallerAccount", List.of(call.accountId()));
        return actions.stream().map(action -> new KmsPermission(new IamPermission(action, key.get()), context)).toList();
    }

    /** The key a write request names itself; a copy's source keeps the key it was written with, so only the destination counts. */
    private static Optional<String> requestedKey(AwsCall call, IamPermission permission) {
        if (call.kind() != AwsCall.Kind.API || !permission.action().equals("s3:PutObject")) {
            return Optional.empty();
        }
        SdkPojo pojo = call.request();
        Optional<String> encryption = member(pojo, "ServerSideEncryption");
        return encryption.filter(value -> value.startsWith("aws:kms")).flatMap(value -> member(pojo, "SSEKMSKeyId"))
                .filter(id -> id.startsWith("arn:aws:kms:") && id.contains(":key/"));
    }

    private static Optional<String> member(SdkPojo pojo, String name) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equals(name)) {
                return Optional.ofNullable(field.getValueOrDefault(pojo)).map(Object::toString);
            }
        }
        return Optional.empty();
    }

    private static String bucket(String s3Arn) {
        return s3Arn.substring("arn:aws:s3:::".length()).split("/", 2)[0];
    }
}
