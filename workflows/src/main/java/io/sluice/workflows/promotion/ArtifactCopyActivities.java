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

    /**
     * Writes what a promotion copied, every object and image with its size and SHA-256 or digest, as
     * one JSON object in the target account ({@code application/json}, encrypted as the copies are),
     * so the run's result can name it by URI and SHA-256 instead of listing each copy. The same
     * copies, recorded again by any run, give the same bytes.
     */
    CopyRecord recordCopies(CopyRecordRequest request);

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

    /**
     * @param manifestUri where the record goes, e.g. {@code s3://bucket/models/<account>/<group>/v3/sluice-copies.json}
     * @param kmsKey the KMS key the copies were encrypted with, or empty for the bucket's default
     */
    record CopyRecordRequest(String targetAccount, String manifestUri, String kmsKey, String workflowId,
            String sourcePackageArn, List<CopiedObject> objects, List<CopiedImage> images) {
        public CopyRecordRequest {
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(manifestUri, "manifestUri is null");
            Objects.requireNonNull(kmsKey, "kmsKey is null");
            Objects.requireNonNull(workflowId, "workflowId is null");
            Objects.requireNonNull(sourcePackageArn, "sourcePackageArn is null");
            objects = List.copyOf(objects);
            images = List.copyOf(images);
        }
    }

    /**
     * A reference to the record of a promotion's copies.
     *
     * @param manifestUri the JSON object holding every {@link CopiedObject} and {@link CopiedImage}
     * @param sha256 the SHA-256 of its bytes (hex)
     * @param objects how many S3 objects it lists; @param images how many images
     * @param bytes the objects' total size
     */
    record CopyRecord(String manifestUri, String sha256, int objects, int images, long bytes) {}

    /**
     * An object as the record of the copies lists it: what a person checks (where from, where to, how
     * large, its SHA-256). How it was copied stays in the copy's own result in the run's history.
     */
    record CopiedObject(String sourceUri, String targetUri, long size, String sha256) {
        public static CopiedObject of(ObjectCopy copy) {
            return new CopiedObject(copy.sourceUri(), copy.targetUri(), copy.size(), copy.sha256() == null ? "" : copy.sha256());
        }
    }

    /** An image as the record of the copies lists it: where from, where to, and its digest in both. */
    record CopiedImage(String sourceImage, String targetImage, String digest) {
        public static CopiedImage of(ImageCopy copy) {
            return new CopiedImage(copy.sourceImage(), copy.targetImage(), copy.digest() == null ? "" : copy.digest());
        }
    }

    /**
     * What {@link #recordCopies} writes: a promotion's copies, as its manifest object holds them. It
     * says what is in the target, not what one attempt did, so a promotion run again over the same
     * copies (after a rejection) writes the same bytes.
     */
    record CopyManifest(String workflowId, String sourcePackageArn, List<CopiedObject> objects, List<CopiedImage> images) {
        public CopyManifest {
            objects = List.copyOf(objects);
            images = List.copyOf(images);
        }
    }
}
