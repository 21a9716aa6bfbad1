package io.sluice.activities.aws;

import io.sluice.workflows.S3Uri;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Small-object S3 reads and writes as an account's role, with failures classified. */
public final class S3Objects {
    private final AwsClients clients;

    public S3Objects(AwsClients clients) {
        this.clients = clients;
    }

    public byte[] read(String account, S3Uri location) {
        return AwsCalls.call(operation(account, "GetObject", location),
                () -> s3(account).getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key())).asByteArray());
    }

    /** The object's bytes, or empty when there is no such object. */
    public Optional<byte[]> readIfPresent(String account, S3Uri location) {
        try {
            return Optional.of(s3(account).getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation(account, "GetObject", location), AwsCalls.attempt());
        }
    }

    public void write(String account, S3Uri location, byte[] bytes, String contentType) {
        write(account, location, bytes, contentType, "");
    }

    /**
     * Writes {@code bytes} encrypted with {@code kmsKey} (SSE-KMS; empty: the bucket's default), S3
     * checking them against their SHA-256 on arrival.
     */
    public void write(String account, S3Uri location, byte[] bytes, String contentType, String kmsKey) {
        AwsCalls.call(operation(account, "PutObject", location), () -> s3(account).putObject(put -> {
            put.bucket(location.bucket()).key(location.key()).contentType(contentType).checksumAlgorithm(ChecksumAlgorithm.SHA256);
            if (!kmsKey.isEmpty()) {
                put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKey);
            }
        }, RequestBody.fromBytes(bytes)));
    }

    /** The object's metadata with its checksums, or empty when there is no such object. */
    public Optional<HeadObjectResponse> head(String account, S3Uri location) {
        try {
            return Optional.of(s3(account).headObject(head -> head.bucket(location.bucket()).key(location.key())
                    .checksumMode(ChecksumMode.ENABLED)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation(account, "HeadObject", location), AwsCalls.attempt());
        }
    }

    /**
     * Whether {@code key} holds data of a dataset, as Spark and Athena lay datasets out: not a
     * folder marker (ending in {@code /}), not a file they hide ({@code _SUCCESS}, names starting
     * with {@code _} or {@code .}, such as {@code .crc}), not Athena's {@code .metadata} beside a result.
     */
    public static boolean isDataFile(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return !key.endsWith("/") && !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".metadata");
    }

    /** Keys of the objects under {@code prefix}, in key order. */
    public List<String> list(String account, S3Uri prefix) {
        return AwsCalls.call(operation(account, "ListObjectsV2", prefix), () -> s3(account)
                .listObjectsV2Paginator(list -> list.bucket(prefix.bucket()).prefix(prefix.prefix()))
                .contents().stream().map(S3Object::key).sorted().toList());
    }

    private S3Client s3(String account) {
        return clients.client(account, AwsServices.S3);
    }

    private AwsOperation operation(String account, String action, S3Uri location) {
        return new AwsOperation(clients.account(account), "s3", action, location.toString());
    }
}
