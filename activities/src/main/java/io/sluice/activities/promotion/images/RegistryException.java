package io.sluice.activities.promotion.images;

/**
 * A registry call failed. The message names the registry, the repository, the manifest or blob
 * and, when the registry answered, the HTTP status and the registry's error code and message.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean retryable;

    /**
     * @param status the HTTP status the registry answered, or 0 when there was no answer
     * @param retryable whether trying the same call again may succeed (no answer, 5xx, 429)
     */
    public RegistryException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    /** The HTTP status the registry answered, or 0 when the call got no answer. */
    public int status() {
        return status;
    }

    /** Whether the same call may succeed when tried again: the registry was unreachable, answered 5xx or 429. */
    public boolean retryable() {
        return retryable;
    }
}
