package io.sluice.client.temporal;

/** The Temporal frontend did not answer; the message says where it was looked for. */
public final class TemporalUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemporalUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
