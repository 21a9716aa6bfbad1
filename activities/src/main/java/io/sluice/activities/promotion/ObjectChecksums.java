package io.sluice.activities.promotion;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 checksums S3 keeps for an object, computed from its bytes: the full-object digest
 * of a single-part object, and the composite checksum of a multipart one (the SHA-256 of the
 * concatenated part digests, then {@code -<part count>}), which is the only SHA-256 kind S3 has for
 * multipart uploads.
 *
 * @param sha256 the full-object digest, 64 lowercase hex digits
 * @param parts the digest of each {@code partSize} range, in part order (one part for a single-part object)
 */
record ObjectChecksums(String sha256, List<byte[]> parts) {
    private static final int BUFFER = 64 * 1024;

    ObjectChecksums {
        parts = List.copyOf(parts);
    }

    /** Reads {@code in} to its end, {@code size} bytes in parts of {@code partSize}, in one buffer's memory. */
    static ObjectChecksums of(InputStream in, long size, long partSize) throws IOException {
        MessageDigest whole = sha256Digest();
        MessageDigest part = sha256Digest();
        List<byte[]> parts = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        long inPart = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, partSize - inPart))) > 0) {
            whole.update(buffer, 0, n);
            part.update(buffer, 0, n);
            read += n;
            inPart += n;
            if (inPart == partSize) {
                parts.add(part.digest());
                inPart = 0;
            }
        }
        if (inPart > 0 || parts.isEmpty()) {
            parts.add(part.digest());
        }
        if (read != size) {
            throw new IOException("read " + read + " bytes where the object has " + size);
        }
        return new ObjectChecksums(HexFormat.of().formatHex(whole.digest()), parts);
    }

    /** The full-object checksum as S3 writes it in {@code x-amz-checksum-sha256}: base64. */
    String fullObject() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
    }

    /** The checksum of part {@code number} (from 1) as S3 writes it. */
    String part(int number) {
        return Base64.getEncoder().encodeToString(parts.get(number - 1));
    }

    /** What S3 reports for the object uploaded in these parts: {@code <base64>-<part count>}. */
    String composite() {
        MessageDigest ofParts = sha256Digest();
        parts.forEach(ofParts::update);
        return Base64.getEncoder().encodeToString(ofParts.digest()) + "-" + parts.size();
    }

    /**
     * Whether S3's answer {@code reported} is the checksum {@code expected}. A composite checksum
     * may be reported with or without its {@code -<part count>} suffix, depending on the API.
     */
    static boolean same(String expected, String reported) {
        if (reported == null) {
            return false;
        }
        int suffix = expected.lastIndexOf('-'); // base64 has no '-': it can only start the part count
        return reported.equals(expected) || suffix > 0 && expected.substring(0, suffix).equals(reported);
    }

    /** The hex digest of an S3 full-object checksum (base64), or empty when it is composite ({@code …-N}) or absent. */
    static String hexOfFullObject(String checksumSha256) {
        if (checksumSha256 == null || checksumSha256.isEmpty() || checksumSha256.contains("-")) {
            return "";
        }
        return HexFormat.of().formatHex(Base64.getDecoder().decode(checksumSha256));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
