package io.sluice.sandbox.proof;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Reads an SDK object's fields as the members of a botocore structure.
 *
 * <p>A field is the member of the same name ({@link SdkField#memberName()}), or else the member with the same
 * wire name ({@link SdkField#locationName()} against the member's {@code locationName}). The SDK renames a few
 * members: S3 {@code CopyObject} and {@code UploadPartCopy} call {@code Bucket} and {@code Key}
 * {@code DestinationBucket} and {@code DestinationKey}, and CloudFormation {@code ListStacks} calls
 * {@code StackStatusFilter} {@code stackStatusFilters}. Fields no member matches are SDK conveniences that never
 * reach the wire as such; of those, S3's {@code SourceBucket}, {@code SourceKey} and {@code SourceVersionId}
 * become the {@code CopySource} member the SDK composes from them, the others are left out.
 */
final class SdkMembers {
    private static final String COPY_SOURCE = "CopySource";

    private SdkMembers() {}

    /**
     * The values {@code pojo} holds for members of {@code structure}, by member name in the SDK's field order.
     * Unset members are absent, including lists and maps the SDK only auto-constructed. Values are read with
     * {@link SdkField#getValueOrDefault}, so members the SDK fills itself (idempotency tokens) are present.
     */
    static Map<String, Object> setMembers(SdkPojo pojo, Shape structure) {
        var values = new LinkedHashMap<String, Object>();
        var unmatched = new HashMap<String, Object>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isUnset(value)) {
                continue;
            }
            memberOf(field, structure).ifPresentOrElse(
                    member -> values.put(member, value),
                    () -> unmatched.put(field.memberName(), value));
        }
        if (structure.members().containsKey(COPY_SOURCE) && !values.containsKey(COPY_SOURCE)) {
            composedCopySource(unmatched).ifPresent(copySource -> values.put(COPY_SOURCE, copySource));
        }
        return values;
    }

    /** The name of the member of {@code structure} that {@code field} holds, if any. */
    static Optional<String> memberOf(SdkField<?> field, Shape structure) {
        if (structure.members().containsKey(field.memberName())) {
            return Optional.of(field.memberName());
        }
        return structure.members().values().stream()
                .filter(member -> member.locationName().equals(field.locationName()))
                .map(Shape.Member::name)
                .findFirst();
    }

    private static boolean isUnset(Object value) {
        return value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
    }

    private static Optional<String> composedCopySource(Map<String, Object> unmatched) {
        if (!(unmatched.get("SourceBucket") instanceof String bucket)
                || !(unmatched.get("SourceKey") instanceof String key)) {
            return Optional.empty();
        }
        String copySource = SdkHttpUtils.urlEncodeIgnoreSlashes(bucket) + "/"
                + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        if (unmatched.get("SourceVersionId") instanceof String versionId) {
            copySource += "?versionId=" + versionId;
        }
        return Optional.of(copySource);
    }
}
