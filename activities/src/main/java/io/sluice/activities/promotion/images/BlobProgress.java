package io.sluice.activities.promotion.images;

/**
 * Told about each blob as an {@link ImageCopier} finishes with it, and about the bytes streamed
 * meanwhile. Called from the copier's worker threads, possibly concurrently, so implementations
 * must be thread-safe; an exception thrown here fails the copy.
 */
public interface BlobProgress {
    /** How many bytes stream between two {@link #streamed} calls, at most. */
    long STREAMED_EVERY_BYTES = 16L * 1024 * 1024;

    /**
     * @param digest the blob's digest
     * @param bytes the blob's size in bytes
     * @param copied true when the bytes were transferred; false when the target already had the
     *     blob or it was mounted from another repository of the same registry
     */
    void blobDone(String digest, long bytes, boolean copied);

    /**
     * Bytes of the image streamed to the target so far by this copy, of {@code totalBytes}, the
     * size of all its blobs; called every {@value #STREAMED_EVERY_BYTES} bytes while blobs stream.
     * Bytes of a try that failed are taken off again.
     */
    default void streamed(long streamedBytes, long totalBytes) {}

    /** Progress that is ignored. */
    static BlobProgress none() {
        return (digest, bytes, copied) -> { };
    }
}
