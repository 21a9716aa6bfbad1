package io.sluice.activities.promotion.images;

/**
 * Told about each blob as an {@link ImageCopier} finishes with it. Called from the copier's worker
 * threads, possibly concurrently, so implementations must be thread-safe; an exception thrown here
 * fails the copy.
 */
@FunctionalInterface
public interface BlobProgress {

    /**
     * @param digest the blob's digest
     * @param bytes the blob's size in bytes
     * @param copied true when the bytes were transferred; false when the target already had the
     *     blob or it was mounted from another repository of the same registry
     */
    void blobDone(String digest, long bytes, boolean copied);

    /** Progress that is ignored. */
    static BlobProgress none() {
        return (digest, bytes, copied) -> { };
    }
}
