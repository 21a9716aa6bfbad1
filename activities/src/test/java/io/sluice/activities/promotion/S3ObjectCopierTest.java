package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

@ExtendWith(LocalAwsExtension.class)
class S3ObjectCopierTest {
    static final long MIB = CopySettings.MIB;
    /** Copies above 5 MiB go multipart, in 5 MiB parts, one at a time so a test can stop between parts. */
    static final CopySettings SMALL_PARTS = new CopySettings(5 * MIB, 5 * MIB, 1, 1);

    @Test
    void smallObject_isCopiedWithOneCopyObjectByteForByte(LocalAws localAws) {
        byte[] bytes = random(300_000, 1);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "model.tar.gz");
            put(localAws, request.sourceUri(), bytes);

            var copy = new S3ObjectCopier(clients, SMALL_PARTS).copy(request, Optional.empty(), progress -> { });

            assertThat(copy.method()).isEqualTo("COPY");
            assertThat(copy.size()).isEqualTo(bytes.length);
            assertThat(read(localAws, request.targetUri())).isEqualTo(bytes);
            assertThat(copy.targetEtag()).isEqualTo(copy.sourceEtag());
            assertThat(copy.sha256()).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void largeObject_isCopiedInPartsByteForByte(LocalAws localAws) {
        byte[] bytes = random((int) (12 * MIB), 2);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "large.bin");
            put(localAws, request.sourceUri(), bytes);
            List<CopyProgress> heartbeats = new ArrayList<>();

            var copy = new S3ObjectCopier(clients, new CopySettings(5 * MIB, 5 * MIB, 4, 1)).copy(request, Optional.empty(),
                    heartbeats::add);

            assertThat(copy.method()).isEqualTo("MULTIPART");
            assertThat(copy.partsCopied()).isEqualTo(3);
            assertThat(heartbeats.get(heartbeats.size() - 1).parts()).containsOnlyKeys(1, 2, 3);
            assertThat(read(localAws, request.targetUri())).isEqualTo(bytes);
            assertThat(copy.sha256()).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void retryAfterAFailureMidCopy_copiesOnlyTheMissingParts(LocalAws localAws) {
        byte[] bytes = random((int) (16 * MIB), 3);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "resumed.bin");
            put(localAws, request.sourceUri(), bytes);
            var copier = new S3ObjectCopier(clients, SMALL_PARTS);
            List<CopyProgress> heartbeats = new ArrayList<>();

            assertThatThrownBy(() -> copier.copy(request, Optional.empty(), progress -> {
                heartbeats.add(progress);
                if (progress.parts().size() == 1) {
                    throw new IllegalStateException("worker lost after part 1");
                }
            })).hasMessage("worker lost after part 1");
            CopyProgress lastHeartbeat = heartbeats.get(heartbeats.size() - 1);
            var copy = copier.copy(request, Optional.of(lastHeartbeat), progress -> { });

            assertThat(copy.partsResumed()).isBetween(1, 2);
            assertThat(copy.partsCopied()).isEqualTo(4 - copy.partsResumed());
            assertThat(read(localAws, request.targetUri())).isEqualTo(bytes);
        }
    }

    @Test
    void cancelledMidCopy_abortsTheUpload_andLeavesNoTarget(LocalAws localAws) {
        byte[] bytes = random((int) (16 * MIB), 8);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "cancelled.bin");
            put(localAws, request.sourceUri(), bytes);
            var cancelled = new io.temporal.client.ActivityCanceledException();

            assertThatThrownBy(() -> new S3ObjectCopier(clients, SMALL_PARTS).copy(request, Optional.empty(), progress -> {
                if (progress.parts().size() == 1) {
                    throw cancelled;
                }
            })).isSameAs(cancelled);

            var target = io.sluice.workflows.S3Uri.parse(request.targetUri());
            try (var s3 = localAws.s3("shared")) {
                assertThat(s3.listMultipartUploads(list -> list.bucket(target.bucket()).prefix(target.key())).uploads()).isEmpty();
                assertThat(s3.listObjectsV2(list -> list.bucket(target.bucket()).prefix(target.key())).contents()).isEmpty();
            }
        }
    }

    @Test
    void streamedCopy_whenTheTargetMayNotReadTheSource_isByteForByte(LocalAws localAws) {
        byte[] bytes = random((int) (11 * MIB), 4);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "streamed.bin");
            put(localAws, request.sourceUri(), bytes);

            var copy = new S3ObjectCopier(clients, SMALL_PARTS).copy(request, false, Optional.empty(), progress -> { });

            assertThat(copy.method()).isEqualTo("STREAMED");
            assertThat(copy.partsCopied()).isEqualTo(3);
            assertThat(read(localAws, request.targetUri())).isEqualTo(bytes);
            assertThat(copy.sha256()).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void secondCopy_ofAnUnchangedSource_copiesNothing(LocalAws localAws) {
        byte[] bytes = random((int) (6 * MIB), 5);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "twice.bin");
            put(localAws, request.sourceUri(), bytes);
            var copier = new S3ObjectCopier(clients, SMALL_PARTS);
            copier.copy(request, Optional.empty(), progress -> { });

            var second = copier.copy(request, Optional.empty(), progress -> { });

            assertThat(second.method()).isEqualTo("SKIPPED");
            assertThat(second.partsCopied()).isZero();
            assertThat(second.sha256()).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void copy_ontoATargetHoldingAnotherObject_isRefusedNamingBoth_andLeavesTheTargetAsItWas(LocalAws localAws) {
        byte[] first = random(1024, 6);
        byte[] other = random(2048, 7);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var request = request(localAws, "approved.bin");
            put(localAws, request.sourceUri(), first);
            var copier = new S3ObjectCopier(clients, SMALL_PARTS);
            copier.copy(request, Optional.empty(), progress -> { });
            put(localAws, request.sourceUri(), other);

            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(io.temporal.failure.ApplicationFailure.class,
                    () -> copier.copy(request, Optional.empty(), progress -> { }));

            assertThat(refused.getType()).isEqualTo("sluice.Conflict");
            assertThat(refused.isNonRetryable()).isTrue();
            assertThat(refused.getOriginalMessage()).contains("target " + request.targetUri(), "source " + request.sourceUri(),
                    "1024 bytes", "2048 bytes", "never overwritten");
            assertThat(read(localAws, request.targetUri())).isEqualTo(first);
        }
    }

    private static ObjectCopyRequest request(LocalAws localAws, String name) {
        return new ObjectCopyRequest("dev", "s3://" + localAws.account("dev").artifactBucket() + "/models/" + name, "shared",
                "s3://" + localAws.account("shared").artifactBucket() + "/promoted/" + name, "");
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void put(LocalAws localAws, String uri, byte[] bytes) {
        var location = io.sluice.workflows.S3Uri.parse(uri);
        try (var s3 = localAws.s3("dev")) {
            s3.putObject(p -> p.bucket(location.bucket()).key(location.key()), RequestBody.fromBytes(bytes));
        }
    }

    private static byte[] read(LocalAws localAws, String uri) {
        var location = io.sluice.workflows.S3Uri.parse(uri);
        try (var s3 = localAws.s3("shared")) {
            return s3.getObjectAsBytes(g -> g.bucket(location.bucket()).key(location.key())).asByteArray();
        }
    }
}
