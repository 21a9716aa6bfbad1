package io.sluice.activities.build;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobProgress;
import io.sluice.activities.aws.PeriodicHeartbeat;
import io.sluice.activities.aws.S3Location;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.build.ModelJobActivities.TrainingDataRequest;
import io.sluice.workflows.build.ModelJobActivities.TrainingDataResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies part files without their first line (see {@code ModelJobActivities.trainingData}). A
 * part file larger than {@value #RANGE_COPY_MIN_BYTES} bytes is copied server-side, as a multipart
 * upload whose parts are ranges of the source after its header, so it costs a few requests and no
 * bytes through the worker; S3 copies a range only of a source larger than 5 MB, so a smaller part
 * file is read after its header and written in one request. Every read is conditional on the
 * source's ETag. A copy records that ETag, so a retry keeps what an earlier attempt finished.
 */
final class HeaderlessCopies {
    /** Target metadata: the ETag of the part file this copy was made from. */
    static final String SOURCE_ETAG = "sluice-source-etag";
    /** Target metadata: how many bytes of the source were its header row. */
    static final String HEADER_BYTES = "sluice-header-bytes";
    /** S3 copies a byte range ({@code UploadPartCopy} with {@code x-amz-copy-source-range}) only of a larger source. */
    static final long RANGE_COPY_MIN_BYTES = 5L * 1000 * 1000;
    /** S3's largest part for {@code UploadPartCopy}. */
    static final long MAX_PART_BYTES = 5L << 30;
    /** How much of a part file is read to find the end of its header row. */
    static final int HEADER_LIMIT = 1 << 20;
    private static final int FIRST_READ = 64 << 10;
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);

    private final AwsClients clients;
    private final long partBytes;

    HeaderlessCopies(AwsClients clients) {
        this(clients, 1L << 30);
    }

    /** @param partBytes the range each {@code UploadPartCopy} copies: at least 5 MiB, at most 5 GiB */
    HeaderlessCopies(AwsClients clients, long partBytes) {
        if (partBytes < (5L << 20) || partBytes > MAX_PART_BYTES) {
            throw new IllegalArgumentException("partBytes " + partBytes + " is outside S3's part sizes, 5 MiB to 5 GiB");
        }
        this.clients = clients;
        this.partBytes = partBytes;
    }

    TrainingDataResult copy(TrainingDataRequest request) {
        S3Client s3 = clients.client(request.account(), AwsServices.S3);
        Map<String, String> copies = new TreeMap<>();
        int partFiles = 0;
        long bytes = 0;
        try (var heartbeat = PeriodicHeartbeat.ofCurrentActivity(
                new JobProgress("training data", request.targetPrefix(), "copying"), HEARTBEAT_EVERY)) {
            for (var output : new TreeMap<>(request.outputs()).entrySet()) {
                S3Location source = S3Location.parse(output.getValue());
                S3Location target = S3Location.parse(request.targetPrefix()).child(output.getKey());
                long dataBytes = 0;
                for (S3Object object : partFiles(request.account(), s3, source)) {
                    S3Location from = new S3Location(source.bucket(), object.key());
                    S3Location to = new S3Location(target.bucket(), target.prefix() + object.key().substring(source.prefix().length()));
                    heartbeat.progress(new JobProgress("training data", to.toString(), "copying " + from));
                    var copied = copyWithoutHeader(request, s3, from, object, to, heartbeat);
                    dataBytes += copied.dataBytes();
                    if (copied.copiedNow()) {
                        partFiles++;
                        bytes += copied.dataBytes();
                    }
                }
                if (dataBytes == 0 && request.needingRows().contains(output.getKey())) {
                    throw FailureType.INVALID_INPUT.failure("processing output " + output.getKey() + " at " + source
                            + " holds no row below its header rows, so its training channel would be empty; check the"
                            + " flow's steps before that output (`sluice flow run` shows the rows each step keeps)");
                }
                copies.put(output.getKey(), "s3://" + target.bucket() + "/" + target.prefix());
            }
        }
        return new TrainingDataResult(copies, partFiles, bytes);
    }

    /** What one part file gave: the bytes below its header, and whether this call copied them. */
    private record Copied(long dataBytes, boolean copiedNow) {}

    /** The part files under {@code prefix}: not folders, not files Spark hides ({@code _SUCCESS}, {@code .crc}), not empty. */
    private List<S3Object> partFiles(String account, S3Client s3, S3Location prefix) {
        return AwsCalls.call(operation(account, "ListObjectsV2", prefix), () -> s3
                .listObjectsV2Paginator(list -> list.bucket(prefix.bucket()).prefix(prefix.prefix()))
                .contents().stream()
                .filter(object -> !object.key().endsWith("/") && object.size() > 0)
                .filter(object -> {
                    String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                    return !name.startsWith("_") && !name.startsWith(".");
                })
                .sorted(Comparator.comparing(S3Object::key))
                .toList());
    }

    private Copied copyWithoutHeader(TrainingDataRequest request, S3Client s3, S3Location source, S3Object object,
            S3Location target, PeriodicHeartbeat heartbeat) {
        long size = object.size();
        Optional<HeadObjectResponse> existing = head(request.account(), s3, target);
        if (existing.isPresent() && object.eTag().equals(existing.get().metadata().get(SOURCE_ETAG))) {
            return new Copied(existing.get().contentLength(), false);
        }
        long header = headerBytes(request.account(), s3, source, object);
        long data = size - header;
        if (data == 0) {
            return new Copied(0, false);
        }
        Map<String, String> metadata = Map.of(SOURCE_ETAG, object.eTag(), HEADER_BYTES, Long.toString(header));
        if (size <= RANGE_COPY_MIN_BYTES) {
            byte[] rows = sourceChanging(source, () -> AwsCalls.call(operation(request.account(), "GetObject", source),
                    () -> s3.getObjectAsBytes(get -> get.bucket(source.bucket()).key(source.key()).ifMatch(object.eTag())
                            .range("bytes=" + header + "-" + (size - 1))).asByteArray()));
            var put = PutObjectRequest.builder().bucket(target.bucket()).key(target.key()).contentType("text/csv").metadata(metadata);
            if (!request.kmsKey().isEmpty()) {
                put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
            }
            AwsCalls.call(operation(request.account(), "PutObject", target), () -> s3.putObject(put.build(), RequestBody.fromBytes(rows)));
            return new Copied(data, true);
        }
        var create = CreateMultipartUploadRequest.builder().bucket(target.bucket()).key(target.key()).contentType("text/csv")
                .metadata(metadata);
        if (!request.kmsKey().isEmpty()) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
        }
        String uploadId = AwsCalls.call(operation(request.account(), "CreateMultipartUpload", target),
                () -> s3.createMultipartUpload(create.build()).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long first = header; first < size; first += partBytes, number++) {
                long last = Math.min(size, first + partBytes) - 1;
                int part = number;
                String range = "bytes=" + first + "-" + last;
                String etag = sourceChanging(source, () -> AwsCalls.call(operation(request.account(), "UploadPartCopy", target),
                        () -> s3.uploadPartCopy(copy -> copy
                                .sourceBucket(source.bucket()).sourceKey(source.key()).copySourceIfMatch(object.eTag())
                                .destinationBucket(target.bucket()).destinationKey(target.key())
                                .uploadId(uploadId).partNumber(part).copySourceRange(range)).copyPartResult().eTag()));
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                heartbeat.progress(new JobProgress("training data", target.toString(), "copied part " + part + " of " + source));
            }
            AwsCalls.call(operation(request.account(), "CompleteMultipartUpload", target), () -> s3.completeMultipartUpload(
                    complete -> complete.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
                            .multipartUpload(upload -> upload.parts(parts))));
        } catch (RuntimeException failed) {
            abort(request.account(), s3, target, uploadId, failed);
            throw failed;
        }
        return new Copied(data, true);
    }

    /**
     * The length of the part file's first line with its line end: where a line feed outside double
     * quotes first appears, as a CSV reader ends a record.
     */
    private long headerBytes(String account, S3Client s3, S3Location source, S3Object object) {
        boolean quoted = false;
        long offset = 0;
        int want = FIRST_READ;
        while (offset < object.size() && offset < HEADER_LIMIT) {
            long first = offset;
            long last = Math.min(object.size(), offset + want) - 1;
            byte[] bytes = sourceChanging(source, () -> AwsCalls.call(operation(account, "GetObject", source), () -> s3
                    .getObjectAsBytes(get -> get.bucket(source.bucket()).key(source.key()).ifMatch(object.eTag())
                            .range("bytes=" + first + "-" + last)).asByteArray()));
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '"') {
                    quoted = !quoted;
                } else if (bytes[i] == '\n' && !quoted) {
                    return first + i + 1;
                }
            }
            offset = last + 1;
            want = HEADER_LIMIT - FIRST_READ;
        }
        if (offset >= object.size()) {
            return object.size();
        }
        throw FailureType.INVALID_INPUT.failure("part file " + source + " has no line end in its first " + HEADER_LIMIT
                + " bytes: expected CSV whose first line is a header row, as Data Wrangler writes it");
    }

    /**
     * {@code read}'s result; a source that no longer has the ETag it was listed with (HTTP 412: the
     * job rewrote it meanwhile) fails retryably, so the next attempt lists the output again.
     */
    private static <T> T sourceChanging(S3Location source, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ApplicationFailure failure) {
            if (failure.getCause() instanceof S3Exception e && e.statusCode() == 412) {
                throw FailureType.CONCURRENT_MODIFICATION.failure("part file " + source + " changed while it was copied; listing the "
                        + "output again", e);
            }
            throw failure;
        }
    }

    private Optional<HeadObjectResponse> head(String account, S3Client s3, S3Location location) {
        try {
            return Optional.of(s3.headObject(head -> head.bucket(location.bucket()).key(location.key())));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation(account, "HeadObject", location), AwsCalls.attempt());
        }
    }

    /** Aborts an upload that failed, so its parts do not linger; a failure to abort is added to the first. */
    private void abort(String account, S3Client s3, S3Location target, String uploadId, RuntimeException failed) {
        try {
            AwsCalls.call(operation(account, "AbortMultipartUpload", target), () -> s3.abortMultipartUpload(
                    abort -> abort.bucket(target.bucket()).key(target.key()).uploadId(uploadId)));
        } catch (RuntimeException notAborted) {
            failed.addSuppressed(notAborted);
        }
    }

    private AwsOperation operation(String account, String action, S3Location location) {
        return new AwsOperation(clients.account(account), "s3", action, location.toString());
    }
}
