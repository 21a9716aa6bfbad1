package io.sluice.activities.promotion;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.S3Location;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopy;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import io.temporal.failure.ApplicationFailure;
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
 */
public final class S3ObjectCopier {
    /** Target metadata recording what was copied, so a later copy can tell the target is current. */
    public static final String SOURCE_ETAG = "sluice-source-etag";
    public static final String SOURCE_SIZE = "sluice-source-size";

    private final AwsClients clients;
    private final CopySettings settings;

    public S3ObjectCopier(AwsClients clients, CopySettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * Copies {@code request}'s object. {@code resumeFrom} is the progress an earlier attempt
     * heartbeated; {@code heartbeat} receives progress after each part.
     */
    public ObjectCopy copy(ObjectCopyRequest request, Optional<CopyProgress> resumeFrom, Consumer<CopyProgress> heartbeat) {
        S3Location source = S3Location.parse(request.sourceUri());
        S3Location target = S3Location.parse(request.targetUri());
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
        S3Location source = S3Location.parse(request.sourceUri());
        S3Location target = S3Location.parse(request.targetUri());
        S3Client targetS3 = clients.client(request.targetAccount(), AwsServices.S3);
        String reader = serverSide ? request.targetAccount() : request.sourceAccount();
        HeadObjectResponse sourceHead = AwsCalls.call(operation(reader, "HeadObject", source), () -> clients
                .client(reader, AwsServices.S3).headObject(head -> head.bucket(source.bucket()).key(source.key())));
        long size = sourceHead.contentLength();
        String sourceEtag = sourceHead.eTag();
        Optional<HeadObjectResponse> existing = head(targetS3, request.targetAccount(), target);
        if (existing.isPresent() && sourceEtag.equals(existing.get().metadata().get(SOURCE_ETAG))
                && existing.get().contentLength() == size) {
            return new ObjectCopy(request.sourceUri(), request.targetUri(), size, sourceEtag, existing.get().eTag(), "SKIPPED", 0, 0);
        }
        if (existing.isPresent()) {
            HeadObjectResponse held = existing.get();
            throw ApplicationFailure.newNonRetryableFailure("target " + request.targetUri() + " already holds another object ("
                    + held.contentLength() + " bytes, copied from an object with ETag "
                    + held.metadata().getOrDefault(SOURCE_ETAG, "unknown: not written by Sluice") + ") than source "
                    + request.sourceUri() + " (" + size + " bytes, ETag " + sourceEtag + "); a promoted artifact is never "
                    + "overwritten: find which promotion wrote it before removing it", FailureType.CONFLICT.type());
        }
        Map<String, String> metadata = new HashMap<>(sourceHead.metadata());
        metadata.put(SOURCE_ETAG, sourceEtag);
        metadata.put(SOURCE_SIZE, Long.toString(size));
        String contentType = sourceHead.contentType() == null ? "application/octet-stream" : sourceHead.contentType();
        ObjectCopy copy;
        if (serverSide && size <= settings.multipartThresholdBytes()) {
            AwsCalls.call(operation(request.targetAccount(), "CopyObject", target), () -> targetS3.copyObject(copyObject -> {
                copyObject.sourceBucket(source.bucket()).sourceKey(source.key())
                        .destinationBucket(target.bucket()).destinationKey(target.key())
                        .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType);
                if (!request.kmsKey().isEmpty()) {
                    copyObject.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
                }
            }));
            copy = verify(request, target, targetS3, size, sourceEtag, isMd5(sourceHead), "COPY", 1, 0);
        } else {
            copy = multipart(request, source, target, size, sourceEtag, metadata, contentType, serverSide, resumeFrom, heartbeat);
        }
        return copy;
    }

    private ObjectCopy multipart(ObjectCopyRequest request, S3Location source, S3Location target, long size, String sourceEtag,
            Map<String, String> metadata, String contentType, boolean serverSide, Optional<CopyProgress> resumeFrom,
            Consumer<CopyProgress> heartbeat) {
        S3Client targetS3 = clients.client(request.targetAccount(), AwsServices.S3);
        long partSize = settings.partSizeFor(size);
        int partCount = (int) Math.max(1, (size + partSize - 1) / partSize);
        CopyProgress progress = resumable(targetS3, request, target, resumeFrom, partCount).orElseGet(() -> {
            String uploadId = AwsCalls.call(operation(request.targetAccount(), "CreateMultipartUpload", target),
                    () -> targetS3.createMultipartUpload(create -> {
                        create.bucket(target.bucket()).key(target.key()).metadata(metadata).contentType(contentType);
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
                        ? copyPart(request, source, target, uploadId, part, first, last)
                        : streamPart(request, source, target, uploadId, part, first, last)));
            }
            for (int done = 0; done < missing.size(); done++) {
                var finished = completion.take().get();
                progress = progress.with(finished.getKey(), finished.getValue());
                heartbeat.accept(progress);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted while copying " + request.sourceUri(), FailureType.AWS_UNAVAILABLE.type());
        } finally {
            pool.shutdownNow();
        }
        List<CompletedPart> parts = new TreeMap<>(progress.parts()).entrySet().stream()
                .map(entry -> CompletedPart.builder().partNumber(entry.getKey()).eTag(entry.getValue()).build())
                .toList();
        String uploadId = progress.uploadId();
        AwsCalls.call(operation(request.targetAccount(), "CompleteMultipartUpload", target), () -> targetS3.completeMultipartUpload(
                complete -> complete.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts))));
        // A multipart upload's ETag is not an MD5 digest: the copy is checked by size.
        return verify(request, target, targetS3, size, sourceEtag, false, serverSide ? "MULTIPART" : "STREAMED", missing.size(),
                resumed);
    }

    /** The upload an earlier attempt started, with the parts S3 confirms it has, if it is still open. */
    private Optional<CopyProgress> resumable(S3Client targetS3, ObjectCopyRequest request, S3Location target,
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

    private String copyPart(ObjectCopyRequest request, S3Location source, S3Location target, String uploadId, int part, long first,
            long last) {
        return AwsCalls.call(operation(request.targetAccount(), "UploadPartCopy", target), () -> clients
                .client(request.targetAccount(), AwsServices.S3)
                .uploadPartCopy(copy -> copy.sourceBucket(source.bucket()).sourceKey(source.key())
                        .destinationBucket(target.bucket()).destinationKey(target.key())
                        .uploadId(uploadId).partNumber(part).copySourceRange("bytes=" + first + "-" + last))
                .copyPartResult().eTag());
    }

    private String streamPart(ObjectCopyRequest request, S3Location source, S3Location target, String uploadId, int part, long first,
            long last) {
        var sourceS3 = clients.client(request.sourceAccount(), AwsServices.S3);
        try (var in = AwsCalls.call(operation(request.sourceAccount(), "GetObject", source), () -> sourceS3.getObject(
                get -> get.bucket(source.bucket()).key(source.key()).range("bytes=" + first + "-" + last)))) {
            return AwsCalls.call(operation(request.targetAccount(), "UploadPart", target), () -> clients
                    .client(request.targetAccount(), AwsServices.S3)
                    .uploadPart(upload -> upload.bucket(target.bucket()).key(target.key()).uploadId(uploadId).partNumber(part)
                            .contentLength(last - first + 1), RequestBody.fromInputStream(in, last - first + 1))
                    .eTag());
        } catch (java.io.IOException e) {
            throw ApplicationFailure.newFailureWithCause("reading part " + part + " of " + source + " failed: " + e.getMessage(),
                    FailureType.AWS_UNAVAILABLE.type(), e);
        }
    }

    /**
     * Checks the copy's size, and its ETag against the source's when both are MD5 digests of the
     * bytes: never for a multipart or SSE-KMS object (S3 does not document what those ETags are).
     */
    private ObjectCopy verify(ObjectCopyRequest request, S3Location target, S3Client targetS3, long size, String sourceEtag,
            boolean sourceEtagIsMd5, String method, int partsCopied, int partsResumed) {
        HeadObjectResponse copied = head(targetS3, request.targetAccount(), target).orElseThrow(() -> ApplicationFailure
                .newFailure("copy of " + request.sourceUri() + " is not at " + target + " after copying", FailureType.AWS_UNAVAILABLE.type()));
        boolean comparableEtags = request.kmsKey().isEmpty() && sourceEtagIsMd5 && isMd5(copied);
        if (copied.contentLength() != size || comparableEtags && !copied.eTag().equals(sourceEtag)) {
            throw ApplicationFailure.newFailure("copy of " + request.sourceUri() + " at " + target + " does not match: "
                    + copied.contentLength() + " bytes, ETag " + copied.eTag() + "; expected " + size + " bytes, ETag "
                    + sourceEtag + "; retrying", FailureType.AWS_UNAVAILABLE.type());
        }
        return new ObjectCopy(request.sourceUri(), request.targetUri(), size, sourceEtag, copied.eTag(), method, partsCopied,
                partsResumed);
    }

    /** Whether the object's ETag is the MD5 digest of its bytes: a single-part object not encrypted with KMS or a customer key. */
    private static boolean isMd5(HeadObjectResponse head) {
        String encryption = head.serverSideEncryptionAsString() == null ? "" : head.serverSideEncryptionAsString();
        return head.eTag() != null && !head.eTag().contains("-") && !encryption.startsWith("aws:kms")
                && head.sseCustomerAlgorithm() == null;
    }

    private Optional<HeadObjectResponse> head(S3Client s3, String account, S3Location location) {
        try {
            return Optional.of(s3.headObject(head -> head.bucket(location.bucket()).key(location.key())));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation(account, "HeadObject", location), AwsCalls.attempt());
        }
    }

    private AwsOperation operation(String account, String action, S3Location location) {
        return new AwsOperation(clients.account(account), "s3", action, location.toString());
    }
}
