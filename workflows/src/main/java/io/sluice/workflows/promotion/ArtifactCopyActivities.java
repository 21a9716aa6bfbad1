package io.sluice.workflows.promotion;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Objects;

/** Copies artifacts between accounts: S3 objects and container images, verified and resumable. */
@ActivityInterface(namePrefix = "Artifact")
public interface ArtifactCopyActivities {

    /**
     * Copies one S3 object. Small objects: one server-side CopyObject; large ones: multipart
     * UploadPartCopy in parallel, the completed parts heartbeated so a retry resumes the same upload
     * and copies only the missing parts. If the target role cannot read the source, bytes are
     * streamed (read as the source role, written as the target role). The target records the
     * source's ETag and size; a target that already matches is skipped. Size (and checksum, where S3
     * reports one) is verified before success.
     */
    ObjectCopy copyObject(ObjectCopyRequest request);

    /**
     * Copies one image to the target account's registry: repository ensured with a policy letting
     * the pull accounts pull, blobs the target lacks streamed, the manifest bytes put unchanged so
     * the digest is preserved (indexes whole). Idempotent: blobs and manifests already there are
     * skipped.
     */
    ImageCopy copyImage(ImageCopyRequest request);

    record ObjectCopyRequest(String sourceAccount, String sourceUri, String targetAccount, String targetUri, String kmsKey) {
        public ObjectCopyRequest {
            Objects.requireNonNull(sourceAccount, "sourceAccount is null");
            Objects.requireNonNull(sourceUri, "sourceUri is null");
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(targetUri, "targetUri is null");
            Objects.requireNonNull(kmsKey, "kmsKey is null");
        }
    }

    /**
     * @param method SKIPPED (already there), COPY (one CopyObject), MULTIPART (UploadPartCopy) or STREAMED
     * @param partsCopied parts this attempt copied; @param partsResumed parts an earlier attempt had copied
     */
    /**
     * @param sha256 the SHA-256 of the bytes, hex, which S3's checksum of the copy confirmed; empty
     *     for a target copied before copies were checksummed, null in results recorded before then
     */
    record ObjectCopy(String sourceUri, String targetUri, long size, String sourceEtag, String targetEtag, String method,
            int partsCopied, int partsResumed, String sha256) {}

    record ImageCopyRequest(String sourceAccount, String sourceImage, String targetAccount, List<String> pullAccounts) {
        public ImageCopyRequest {
            Objects.requireNonNull(sourceAccount, "sourceAccount is null");
            Objects.requireNonNull(sourceImage, "sourceImage is null");
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            pullAccounts = List.copyOf(pullAccounts);
        }
    }

    /** @param digest the manifest digest, equal in both registries */
    record ImageCopy(String sourceImage, String targetImage, String digest, int blobsCopied, int blobsSkipped, long bytesCopied) {}
}
