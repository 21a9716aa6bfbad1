package io.sluice.activities.promotion;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.S3Objects;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopy;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies one S3 object between accounts (see {@code ArtifactCopyActivities.copyObject}). The
 * target role copies server-side when it may read the source; otherwise the bytes stream through
 * the worker, part by part, so memory stays within {@code concurrency × partSize}.
 *
 * <p>Every copy is checked by SHA-256, never by ETag: S3 computes a SHA-256 checksum of what it
 * stored (full-object for one CopyObject, composite of the parts for a multipart upload), and
 * that must equal what the source's bytes give. The source's own full-object checksum is used when
 * S3 keeps one; otherwise the source is read once to digest it.
 */
public final class S3ObjectCopier {
    /** Target metadata recording what was copied, so a later copy can tell the target is current. */
    public static final String SOURCE_ETAG = "sluice-source-etag";
    public static final String SOURCE_SIZE = "sluice-source-size";
    /** The SHA-256 of the source's bytes, hex. */
    public static final String SOURCE_SHA256 = "sluice-source-sha256";
    /** The SHA-256 checksum S3 must report for the copy: full-object, or composite for a multipart copy. */
    public static final String EXPECTED_CHECKSUM = "sluice-expected-checksum-sha256";

    private final AwsClients clients;
    private final S3Objects objects;
    private final CopySettings settings;

    public S3ObjectCopier(AwsClients clients, CopySettings settings) {
        this.clients = clients;
        this.objects = new S3Objects(clients);
        this.settings = settings;
    }

    /**
     * Copies {@code request}'s object. {@code resumeFrom} is the progress an earlier attempt
     * heartbeated; {@code heartbeat} receives progress after each part.
     */
    public ObjectCopy copy(ObjectCopyRequest request, Optional<CopyProgress> resumeFrom, Consumer<CopyProgress> heartbeat) {
        S3Uri source = S3Uri.parse(request.sourceUri());
        S3Uri target = S3Uri.parse(request.targetUri());
        S3Client targetS3 = clients.client(request.targetAccount(), AwsServices.S3);
        try {
            targetS3.headObject(head -> head.bucket(source.bucket()).key(source.key()));
            return copy(request, true, resumeFrom, heartbeat);
        } catch (S3Exception e) {
            if (e.statusCode() != 403) {
                throw AwsFailures.classify(e, operation(request.targetAccount(), "HeadObject", source), AwsCalls.attempt());
            }
            return copy(request, false, resumeFrom, heartbeat);
        }
    }

    /** Copies server-side as the target role, or with {@code serverSide} false streams the bytes through the worker. */
    ObjectCopy copy(ObjectCopyRequest request, boolean serverSide, Optional<CopyProgress> resumeFrom,
            Consumer<CopyProgress> heartbeat) {
        S3Uri source = S3Uri.parse(request.sourceUri());
        S3Uri target = S3Uri.parse(request.targetUri());
        S3Client targetS3 = clients.client(request.targetAccount(), AwsServices.S3);
        String reader = serverSide ? request.targetAccount() : request.sourceAccount();
        HeadObjectResponse sourceHead = AwsCalls.call(operation(reader, "HeadObject", source), () -> clients
                .client(reader, AwsServices.S3).headObject(head -> head.bucket(source.bucket()).key(source.key())
                        .checksumMode(ChecksumMode.ENABLED)));
        long size = sourceHead.contentLength();
        String sourceEtag = sourceHead.eTag();
        Optional<HeadObjectResponse> existing = objects.head(request.targetAccount(), target);
        if (existing.isPresent() && sourceEtag.equals(existing.get().metadata().get(SOURCE_ETAG))
                && existing.get().contentLength() == size) {
            HeadObjectResponse held = existing.get();
            String expected = held.metadata().get(EXPECTED_CHECKSUM);
            if (expected == null || ObjectChecksums.same(expected, held.checksumSHA256())) {
                return new ObjectCopy(request.sourceUri(), request.targetUri(), size, sourceEtag, held.eTag(), "SKIPPED", 0, 0,
                        held.metadata().getOrDefault(SOURCE_SHA256, ""));
            }
            // An earlier attempt's copy of this very source whose bytes S3 does not confirm: copied again below.
        } else if (existing.isPresent()) {
            HeadObjectResponse held = existing.get();
            throw FailureType.CONFLICT.failure("target " + request.targetUri() + " already holds another object ("
                    + held.contentLength() + " bytes, copied from an object with ETag "
                    + held.metadata().getOrDefault(SOURCE_ETAG, "unknown: not written by Sluice") + ") than source "
                    + request.sourceUri() + " (" + size + " bytes, ETag " + sourceEtag + "); a promoted artifact is never "
                    + "overwritten: find which promotion wrote it before removing it");
        }
        boolean single = serverSide && size <= settings.multipartThresholdBytes();
        long partSize = single ? Math.max(1, size) : settings.partSizeFor(size);
        ObjectChecksums checksums = checksums(reader, source, sourceHead, single, partSize);
        String expected = single ? checksums.fullObject() : checksums.composite();
        Map<String, String> metadata = new HashMap<>(sourceHead.metadata());
        metadata.put(SOURCE_ETAG, sourceEtag);
        metadata.put(SOURCE_SIZE, Long.toString(size));
        metadata.put(SOURCE_SHA256, checksums.sha256());
        metadata.put(EXPECTED_CHECKSUM, expected);
        String contentType = sourceHead.contentType() == null ? "application/octet-stream" : sourceHead.contentType();
        if (single) {
            AwsCalls.call(operation(request.targetAccount(), "CopyObject", target), () -> targetS3.copyObject(copyObject -> {
                copyObject.sourceBucket(source.bucket()).sourceKey(source.key())
                        .destinationBucket(target.bucket()).destinationKey(target.key())
                        .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256);
                if (!request.kmsKey().isEmpty()) {
                    copyObject.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
                }
            }));
            return verify(request, target, size, sourceEtag, checksums, expected, "COPY", 1, 0);
        }
        return multipart(request, source, target, size, sourceEtag, metadata, contentType, serverSide, checksums, expected,
                partSize, resumeFrom, heartbeat);
    }

    /**
     * The source's SHA-256 checksums: the full-object checksum S3 keeps is enough for a single-part
     * copy; otherwise the source is read once, as {@code reader}, to digest it and each part.
     */
    private ObjectChecksums checksums(String reader, S3Uri source, HeadObjectResponse sourceHead, boolean single,
            long partSize) {
        String known = ObjectChecksums.hexOfFullObject(sourceHead.checksumSHA256());
        if (single && !known.isEmpty()) {
            return new ObjectChecksums(known, List.of(java.util.HexFormat.of().parseHex(known)));
        }
        var s3 = clients.client(reader, AwsServices.S3);
        try (var in = AwsCalls.call(operation(reader, "GetObject", source),
                () -> s3.getObject(get -> get.bucket(source.bucket()).key(source.key())))) {
            ObjectChecksums computed = ObjectChecksums.of(in, sourceHead.contentLength(), partSize);
            if (!known.isEmpty() && !known.equals(computed.sha256())) {
                throw FailureType.AWS_UNAVAILABLE.failure("reading " + source + " gave bytes of SHA-256 " + computed.sha256()
                        + " where S3 keeps " + known + " for it; retrying");
            }
            return computed;
        } catch (java.io.IOException e) {
            throw FailureType.AWS_UNAVAILABLE.failure("reading " + source + " to digest it failed: " + e.getMessage(), e);
        }
    }

    private ObjectCopy multipart(ObjectCopyRequest request, S3Uri source, S3Uri target, long size, String sourceEtag,
            Map<String, String> metadata, String contentType, boolean serverSide, ObjectChecksums checksums, String expected,
            long partSize, Optional<CopyProgress> resumeFrom, Consumer<CopyProgress> heartbeat) {
        S3Client targetS3 = clients.client(request.targetAccount(), AwsServices.S3);
        int partCount = (int) Math.max(1, (size + partSize - 1) / partSize);
        CopyProgress progress = resumable(targetS3, request, target, resumeFrom, partCount).orElseGet(() -> {
            String uploadId = AwsCalls.call(operation(request.targetAccount(), "CreateMultipartUpload", target),
                    () -> targetS3.createMultipartUpload(create -> {
                        create.bucket(target.bucket()).key(target.key()).metadata(metadata).contentType(contentType)
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256);
                        if (!request.kmsKey().isEmpty()) {
                            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
                        }
                    }).uploadId());
            return new CopyProgress(uploadId, request.targetUri(), Map.of(), partCount);
        });
        heartbeat.accept(progress);
        int resumed = progress.parts().size();
        List<Integer> missing = new ArrayList<>();
        for (int part = 1; part <= partCount; part++) {
            if (!progress.parts().containsKey(part)) {
                missing.add(part);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), Math.max(1, missing.size())), runnable -> {
            Thread thread = new Thread(runnable, "s3-part-copy");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Map.Entry<Integer, String>> completion = new ExecutorCompletionService<>(pool);
            String uploadId = progress.uploadId();
            for (int part : missing) {
                long first = (part - 1) * partSize;
                long last = Math.min(size, first + partSize) - 1;
                completion.submit(() -> Map.entry(part, serverSide
                        ? copyPart(request, source, target, uploadId, part, first, last, checksums.part(part))
                        : streamPart(request, source, target, uploadId, part, first, last, checksums.part(part))));
            }
            for (int done = 0; done < missing.size(); done++) {
                var finished = completion.take().get();
                progress = progress.with(finished.getKey(), finished.getValue());
                heartbeat.accept(progress);
            }
        } catch (ActivityCanceledException cancelled) {
            pool.shutdownNow();
            abort(request, target, progress.uploadId(), cancelled);
            throw cancelled;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailureType.AWS_UNAVAILABLE.failure("interrupted while copying " + request.sourceUri());
        } finally {
            pool.shutdownNow();
        }
        List<CompletedPart> parts = new TreeMap<>(progress.parts()).entrySet().stream()
                .map(entry -> CompletedPart.builder().partNumber(entry.getKey()).eTag(entry.getValue())
                        .checksumSHA256(checksums.part(entry.getKey())).build())
                .toList();
        String uploadId = progress.uploadId();
        AwsCalls.call(operation(request.targetAccount(), "CompleteMultipartUpload", target), () -> targetS3.completeMultipartUpload(
                complete -> complete.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts))));
        return verify(request, target, size, sourceEtag, checksums, expected, serverSide ? "MULTIPART" : "STREAMED",
                missing.size(), resumed);
    }

    /**
     * Aborts the upload of a cancelled copy, so its parts do not linger; a failure to abort is
     * added to the cancellation (the bucket's lifecycle rule aborts what is left).
     */
    private void abort(ObjectCopyRequest request, S3Uri target, String uploadId, ActivityCanceledException cancelled) {
        try {
            AwsCalls.call(operation(request.targetAccount(), "AbortMultipartUpload", target), () -> clients
                    .client(request.targetAccount(), AwsServices.S3)
                    .abortMultipartUpload(abort -> abort.bucket(target.bucket()).key(target.key()).uploadId(uploadId)));
        } catch (RuntimeException notAborted) {
            cancelled.addSuppressed(notAborted);
        }
    }

    /** The upload an earlier attempt started, with the parts S3 confirms it has, if it is still open. */
    private Optional<CopyProgress> resumable(S3Client targetS3, ObjectCopyRequest request, S3Uri target,
            Optional<CopyProgress> resumeFrom, int partCount) {
        if (resumeFrom.isEmpty() || !resumeFrom.get().targetUri().equals(request.targetUri())) {
            return Optional.empty();
        }
        String uploadId = resumeFrom.get().uploadId();
        try {
            Map<Integer, String> confirmed = new TreeMap<>();
            targetS3.listPartsPaginator(list -> list.bucket(target.bucket()).key(target.key()).uploadId(uploadId)).parts()
                    .forEach(part -> confirmed.put(part.partNumber(), part.eTag()));
            return Optional.of(new CopyProgress(uploadId, request.targetUri(), confirmed, partCount));
        } catch (NoSuchUploadException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsFailures.classify(e, operation(request.targetAccount(), "ListParts", target), AwsCalls.attempt());
        }
    }

    /** Copies a range server-side; S3 digests the part, and a digest other than the source range's fails the part. */
    private String copyPart(ObjectCopyRequest request, S3Uri source, S3Uri target, String uploadId, int part, long first,
            long last, String checksum) {
        var result = AwsCalls.call(operation(request.targetAccount(), "UploadPartCopy", target), () -> clients
                .client(request.targetAccount(), AwsServices.S3)
                .uploadPartCopy(copy -> copy.sourceBucket(source.bucket()).sourceKey(source.key())
                        .destinationBucket(target.bucket()).destinationKey(target.key())
                        .uploadId(uploadId).partNumber(part).copySourceRange("bytes=" + first + "-" + last))
                .copyPartResult());
        if (result.checksumSHA256() != null && !result.checksumSHA256().equals(checksum)) {
            throw FailureType.AWS_UNAVAILABLE.failure("part " + part + " of the copy of " + source + " to " + target + " has SHA-256 "
                    + result.checksumSHA256() + " where the source range has " + checksum + "; retrying");
        }
        return result.eTag();
    }

    /** Streams a range through the worker, with the source range's digest, so S3 refuses a part that arrives otherwise. */
    private String streamPart(ObjectCopyRequest request, S3Uri source, S3Uri target, String uploadId, int part, long first,
            long last, String checksum) {
        var sourceS3 = clients.client(request.sourceAccount(), AwsServices.S3);
        try (var in = AwsCalls.call(operation(request.sourceAccount(), "GetObject", source), () -> sourceS3.getObject(
                get -> get.bucket(source.bucket()).key(source.key()).range("bytes=" + first + "-" + last)))) {
            return AwsCalls.call(operation(request.targetAccount(), "UploadPart", target), () -> clients
                    .client(request.targetAccount(), AwsServices.S3)
                    .uploadPart(upload -> upload.bucket(target.bucket()).key(target.key()).uploadId(uploadId).partNumber(part)
                            .contentLength(last - first + 1).checksumSHA256(checksum), RequestBody.fromInputStream(in, last - first + 1))
                    .eTag());
        } catch (java.io.IOException e) {
            throw FailureType.AWS_UNAVAILABLE.failure("reading part " + part + " of " + source + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the copy's size, and the SHA-256 checksum S3 computed for it against the source's
     * bytes: ETags cannot be compared (neither a multipart nor an SSE-KMS ETag is an MD5 digest).
     * A copy S3 does not confirm fails retryably; the next attempt copies again over it.
     */
    private ObjectCopy verify(ObjectCopyRequest request, S3Uri target, long size, String sourceEtag,
            ObjectChecksums checksums, String expected, String method, int partsCopied, int partsResumed) {
        HeadObjectResponse copied = objects.head(request.targetAccount(), target).orElseThrow(() -> FailureType.AWS_UNAVAILABLE
                .failure("copy of " + request.sourceUri() + " is not at " + target + " after copying"));
        if (copied.contentLength() != size || !ObjectChecksums.same(expected, copied.checksumSHA256())) {
            throw FailureType.AWS_UNAVAILABLE.failure("copy of " + request.sourceUri() + " at " + target + " does not match: "
                    + copied.contentLength() + " bytes, SHA-256 checksum " + copied.checksumSHA256() + "; expected " + size
                    + " bytes, SHA-256 checksum " + expected + " (source SHA-256 " + checksums.sha256() + "); retrying");
        }
        return new ObjectCopy(request.sourceUri(), request.targetUri(), size, sourceEtag, copied.eTag(), method, partsCopied,
                partsResumed, checksums.sha256());
    }

    private AwsOperation operation(String account, String action, S3Uri location) {
        return new AwsOperation(clients.account(account), "s3", action, location.toString());
    }
}
