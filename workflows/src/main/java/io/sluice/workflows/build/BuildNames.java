package io.sluice.workflows.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the AWS resources a build creates, derived from its workflow id and step, so a retry
 * finds what an earlier attempt made. SageMaker names allow 63 letters, digits and hyphens.
 */
public final class BuildNames {
    private BuildNames() {}

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

    /** A client token (at most 36 characters) for the step of the workflow. */
    public static String clientToken(String workflowId, String step) {
        return sha256(workflowId + "#" + step).substring(0, 36);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
