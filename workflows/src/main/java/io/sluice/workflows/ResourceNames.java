package io.sluice.workflows;

import java.util.Locale;

/**
 * Names of the AWS resources the workflows create (a build's jobs and training data, a promotion's
 * and a deployment's names and client tokens), derived from the workflow id and step, so a retry
 * finds what an earlier attempt made. SageMaker names allow 63 letters, digits and hyphens.
 */
public final class ResourceNames {
    private ResourceNames() {}

    /** e.g. {@code credit-risk-2026-11-22-proc-1a2b3c4d}: readable prefix plus a hash of the whole id. */
    public static String job(String workflowId, String step) {
        String hash = sha256(workflowId).substring(0, 8);
        String readable = workflowId.replaceFirst("^[a-z-]+/", "").replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
        String suffix = "-" + step + "-" + hash;
        int room = 63 - suffix.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room).replaceAll("-$", "");
        }
        return readable + suffix;
    }

    /**
     * {@code name} itself when it has at most {@code limit} characters; otherwise its first characters
     * (trailing hyphens dropped) plus {@code -} and 8 hex digits of the hash of the whole name, exactly
     * {@code limit} characters at most, so two long names that share a prefix stay apart.
     */
    public static String fit(String name, int limit) {
        return withSuffix(name, "", limit);
    }

    /**
     * {@code base + suffix} when it has at most {@code limit} characters; otherwise {@code base} is
     * shortened as {@link #fit} does (hash of the whole untruncated name) and {@code suffix} kept whole,
     * e.g. {@code <group-prefix>-1a2b3c4d-v3}.
     *
     * @throws IllegalArgumentException when the suffix and the hash alone leave no room for the base
     */
    public static String withSuffix(String base, String suffix, int limit) {
        String whole = base + suffix;
        if (whole.length() <= limit) {
            return whole;
        }
        String tail = "-" + sha256(whole).substring(0, 8) + suffix;
        int room = limit - tail.length();
        if (room < 1) {
            throw new IllegalArgumentException("suffix `" + suffix + "` leaves no room for a name of at most " + limit
                    + " characters");
        }
        return base.substring(0, room).replaceAll("-+$", "") + tail;
    }

    /** Where a processing job's outputs are copied for training: {@code <outputPrefix>/<job>/headerless}. */
    public static String trainingData(String outputPrefix, String processingJob) {
        return outputPrefix + "/" + processingJob + "/headerless";
    }

    /** A client token (at most 36 characters) for the step of the workflow. */
    public static String clientToken(String workflowId, String step) {
        return sha256(workflowId + "#" + step).substring(0, 36);
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
