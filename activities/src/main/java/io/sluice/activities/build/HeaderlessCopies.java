package io.sluice.activities.build;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobProgress;
import io.sluice.activities.aws.PeriodicHeartbeat;
import io.sluice.activities.aws.S3Objects;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.build.ModelJobActivities.TrainingDataRequest;
import io.sluice.workflows.build.ModelJobActivities.TrainingDataResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies part files without their first line (see {@code ModelJobActivities.trainingData}). A
 * part file larger than {@value #RANGE_COPY_MIN_BYTES} bytes is copied server-side, as a multipart
 * upload whose parts are ranges of the source after its header, so it costs a few requests and no
 * bytes through the worker; S3 copies a range only of a source larger than 5 MB, so a smaller part
 * file is read once and its rows written in one request. Every read is conditional on the source's
 * ETag. A copy records that ETag, so a retry keeps what an earlier attempt finished.
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
    private final S3Objects objects;
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
        this.objects = new S3Objects(clients);
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
                S3Uri source = S3Uri.parse(output.getValue());
                S3Uri target = S3Uri.parse(request.targetPrefix()).child(output.getKey());
                long dataBytes = 0;
                for (S3Object object : partFiles(request.account(), s3, source)) {
                    S3Uri from = new S3Uri(source.bucket(), object.key());
                    S3Uri to = new S3Uri(target.bucket(), target.prefix() + object.key().substring(source.prefix().length()));
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

    /** The non-empty {@linkplain S3Objects#isDataFile data files} under {@code prefix}, in key order, with their sizes and ETags. */
    private List<S3Object> partFiles(String account, S3Client s3, S3Uri prefix) {
        return AwsCalls.call(operation(account, "ListObjectsV2", prefix), () -> s3
                .listObjectsV2Paginator(list -> list.bucket(prefix.bucket()).prefix(prefix.prefix()))
                .contents().stream()
                .filter(object -> object.size() > 0 && S3Objects.isDataFile(object.key()))
                .sorted(Comparator.comparing(S3Object::key))
                .toList());
    }

    private Copied copyWithoutHeader(TrainingDataRequest request, S3Client s3, S3Uri source, S3Object object,
            S3Uri target, PeriodicHeartbeat heartbeat) {
        long size = object.size();
        Optional<HeadObjectResponse> existing = objects.head(request.account(), target);
        if (existing.isPresent() && object.eTag().equals(existing.get().metadata().get(SOURCE_ETAG))) {
            return new Copied(existing.get().contentLength(), false);
        }
        if (size <= RANGE_COPY_MIN_BYTES) {
            byte[] whole = read(request.account(), s3, source, object, 0, size - 1);
            long header = new FirstLine().end(whole).orElse(size);
            if (header == size) {
                return new Copied(0, false);
            }
            var put = PutObjectRequest.builder().bucket(target.bucket()).key(target.key()).contentType("text/csv")
                    .metadata(metadata(object, header));
            if (!request.kmsKey().isEmpty()) {
                put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(request.kmsKey());
            }
            AwsCalls.call(operation(request.account(), "PutObject", target), () -> s3.putObject(put.build(),
                    RequestBody.fromBytes(Arrays.copyOfRange(whole, (int) header, whole.length))));
            return new Copied(size - header, true);
        }
        long header = headerBytes(request.account(), s3, source, object);
        var create = CreateMultipartUploadRequest.builder().bucket(target.bucket()).key(target.key()).contentType("text/csv")
                .metadata(metadata(object, header));
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
                String etag = AwsCalls.call(operation(request.account(), "UploadPartCopy", target), () -> s3.uploadPartCopy(copy -> copy
                        .sourceBucket(source.bucket()).sourceKey(source.key()).copySourceIfMatch(object.eTag())
                        .destinationBucket(target.bucket()).destinationKey(target.key())
                        .uploadId(uploadId).partNumber(part).copySourceRange(range)).copyPartResult().eTag());
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
        return new Copied(size - header, true);
    }

    /** What a copy records of its source: its ETag, and how many of its bytes were the header row. */
    private static Map<String, String> metadata(S3Object source, long headerBytes) {
        return Map.of(SOURCE_ETAG, source.eTag(), HEADER_BYTES, Long.toString(headerBytes));
    }

    /**
     * The length of a part file's first line with its line end, read in ranges: its first
     * {@value #FIRST_READ} bytes, then up to {@value #HEADER_LIMIT}. Only for files larger than that.
     */
    private long headerBytes(String account, S3Client s3, S3Uri source, S3Object object) {
        var firstLine = new FirstLine();
        OptionalLong end = firstLine.end(read(account, s3, source, object, 0, FIRST_READ - 1));
        if (end.isEmpty()) {
            end = firstLine.end(read(account, s3, source, object, FIRST_READ, HEADER_LIMIT - 1));
        }
        if (end.isPresent()) {
            return end.getAsLong();
        }
        throw FailureType.INVALID_INPUT.failure("part file " + source + " has no line end in its first " + HEADER_LIMIT
                + " bytes: expected CSV whose first line is a header row, as Data Wrangler writes it");
    }

    /**
     * Bytes {@code first} to {@code last} of the part file as it was listed: the read is conditional
     * on its ETag, so a file the job rewrote meanwhile fails it (retried, listing the output again).
     */
    private byte[] read(String account, S3Client s3, S3Uri source, S3Object object, long first, long last) {
        return AwsCalls.call(operation(account, "GetObject", source), () -> s3.getObjectAsBytes(get -> get
                .bucket(source.bucket()).key(source.key()).ifMatch(object.eTag()).range("bytes=" + first + "-" + last))
                .asByteArray());
    }

    /**
     * Where a CSV file's first record ends, fed its bytes in order: at the first line feed outside
     * double quotes, as a CSV reader ends a record.
     */
    private static final class FirstLine {
        private boolean quoted;
        private long fed;

        /** The length of the first line with its line end, once {@code bytes} hold its end. */
        OptionalLong end(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '"') {
                    quoted = !quoted;
                } else if (bytes[i] == '\n' && !quoted) {
                    return OptionalLong.of(fed + i + 1);
                }
            }
            fed += bytes.length;
            return OptionalLong.empty();
        }
    }

    /** Aborts an upload that failed, so its parts do not linger; a failure to abort is added to the first. */
    private void abort(String account, S3Client s3, S3Uri target, String uploadId, RuntimeException failed) {
        try {
            AwsCalls.call(operation(account, "AbortMultipartUpload", target), () -> s3.abortMultipartUpload(
                    abort -> abort.bucket(target.bucket()).key(target.key()).uploadId(uploadId)));
        } catch (RuntimeException notAborted) {
            failed.addSuppressed(notAborted);
        }
    }

    private AwsOperation operation(String account, String action, S3Uri location) {
        return new AwsOperation(clients.account(account), "s3", action, location.toString());
    }
}
