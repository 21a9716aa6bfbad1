package io.sluice.activities.promotion.images;

/**
 * Content did not hash to the digest (or have the size) it was fetched or pushed under. Never
 * retryable: the source serves the same wrong bytes again. Nothing was committed under the expected
 * digest.
 */
public final class DigestMismatchException extends RegistryException {
    private static final long serialVersionUID = 1L;

    private final String expectedDigest;
    private final String received;

    /**
     * @param expectedDigest the digest the content was fetched or pushed under
     * @param received what arrived instead, e.g. {@code "sha256:… over 1024 bytes"} or {@code "more than 1024 bytes"}
     */
    public DigestMismatchException(String message, String expectedDigest, String received) {
        super(message, 0, false, null);
        this.expectedDigest = expectedDigest;
        this.received = received;
    }

    public String expectedDigest() {
        return expectedDigest;
    }

    /** What arrived instead of the expected content, e.g. {@code "sha256:… over 1024 bytes"}. */
    public String received() {
        return received;
    }
}
