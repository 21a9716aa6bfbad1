package io.sluice.activities.promotion.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests as the OCI distribution protocol writes them: {@code sha256:} and 64 lowercase hex digits. */
final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {}

    static boolean isDigest(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /** Returns {@code digest}, or fails naming {@code what} when it is not a {@code sha256:} digest. */
    static String require(String digest, String what) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException(what + " '" + digest + "' is not a sha256 digest (sha256:<64 lowercase hex digits>)");
        }
        return digest;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static String sha256(byte[] bytes) {
        return format(newSha256().digest(bytes));
    }

    static String format(byte[] sha256) {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }
}
