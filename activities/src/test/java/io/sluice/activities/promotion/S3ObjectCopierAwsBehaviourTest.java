package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * S3 as AWS runs it where moto differs: the ETag of an SSE-KMS object is not the MD5 digest of
 * its bytes, so it cannot be compared with the ETag of an unencrypted or SSE-S3 copy. And bytes
 * can change on the way: AWS refuses a part whose SHA-256 header does not match (moto takes it),
 * and either way the copy's checksum must confirm the source's bytes.
 */
@ExtendWith(LocalAwsExtension.class)
class S3ObjectCopierAwsBehaviourTest {

    @Test
    void copy_ofAnSseKmsSource_verifiesBySha256WithoutTakingItsEtagForAnMd5(LocalAws localAws) {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        String sourceUri = "s3://" + localAws.account("dev").artifactBucket() + "/models/model.tar.gz";
        String targetUri = "s3://" + localAws.account("shared").artifactBucket() + "/promoted/model.tar.gz";
        S3Uri source = S3Uri.parse(sourceUri);
        try (var s3 = localAws.s3("dev")) {
            s3.putObject(put -> put.bucket(source.bucket()).key(source.key()), RequestBody.fromBytes(bytes));
        }
        String kmsEtag = "\"b1a7e0c5f2d94e3a8c6d0f9e7a5b3c1d\"";
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint());
                var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()))) {
            Rule encrypted = interposer.when(request -> request.service().equals("s3") && request.method().equals("HEAD")
                            && request.path().equals("/" + source.bucket() + "/" + source.key()))
                    .rewrite(reply -> reply.withHeader("ETag", kmsEtag)
                            .withHeader("x-amz-server-side-encryption", "aws:kms")
                            .withHeader("x-amz-server-side-encryption-aws-kms-key-id",
                                    "arn:aws:kms:us-east-1:100000000003:key/1234abcd-12ab-34cd-56ef-1234567890ab"));

            var copy = new S3ObjectCopier(clients, S3ObjectCopierTest.SMALL_PARTS)
                    .copy(new ObjectCopyRequest("dev", sourceUri, "shared", targetUri, ""), Optional.empty(), progress -> { });

            assertThat(encrypted.hits()).isPositive();
            assertThat(copy.method()).isEqualTo("COPY");
            assertThat(copy.size()).isEqualTo(bytes.length);
            assertThat(copy.sourceEtag()).isEqualTo(kmsEtag);
            assertThat(copy.targetEtag()).isNotEqualTo(kmsEtag);
            assertThat(copy.sha256()).isEqualTo(S3ObjectCopierTest.sha256(bytes));
        }
        S3Uri target = S3Uri.parse(targetUri);
        try (var s3 = localAws.s3("shared")) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(target.bucket()).key(target.key())).asByteArray()).isEqualTo(bytes);
        }
    }

    @Test
    void streamedCopy_whosePartArrivesChangedAtTheSameLength_failsRetryablyNamingBothChecksums_andTheRetryRepairsIt(
            LocalAws localAws) {
        byte[] bytes = S3ObjectCopierTest.random((int) (11 * CopySettings.MIB), 11);
        String sourceUri = "s3://" + localAws.account("dev").artifactBucket() + "/models/changed.bin";
        String targetUri = "s3://" + localAws.account("shared").artifactBucket() + "/promoted/changed.bin";
        S3Uri source = S3Uri.parse(sourceUri);
        try (var s3 = localAws.s3("dev")) {
            s3.putObject(put -> put.bucket(source.bucket()).key(source.key()), RequestBody.fromBytes(bytes));
        }
        var request = new ObjectCopyRequest("dev", sourceUri, "shared", targetUri, "");
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint());
                var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()))) {
            Rule changed = interposer.when(r -> r.service().equals("s3") && r.method().equals("GET") && !r.header("Range").isEmpty()
                            && r.path().equals("/" + source.bucket() + "/" + source.key()))
                    .times(1)
                    .rewrite(reply -> {
                        byte[] body = reply.body().clone();
                        body[body.length / 2] ^= 0x01;
                        return new AwsReply(reply.status(), reply.headers(), body);
                    });
            var copier = new S3ObjectCopier(clients, S3ObjectCopierTest.SMALL_PARTS);

            var failure = catchThrowableOfType(ApplicationFailure.class,
                    () -> copier.copy(request, false, Optional.empty(), progress -> { }));
            var retried = copier.copy(request, false, Optional.empty(), progress -> { });

            assertThat(changed.hits()).isEqualTo(1);
            assertThat(failure.isNonRetryable()).isFalse();
            assertThat(failure.getOriginalMessage()).contains("copy of " + sourceUri, "does not match", "SHA-256 checksum",
                    "source SHA-256 " + S3ObjectCopierTest.sha256(bytes));
            assertThat(retried.method()).isEqualTo("STREAMED");
            assertThat(retried.sha256()).isEqualTo(S3ObjectCopierTest.sha256(bytes));
        }
        S3Uri target = S3Uri.parse(targetUri);
        try (var s3 = localAws.s3("shared")) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(target.bucket()).key(target.key())).asByteArray()).isEqualTo(bytes);
        }
    }
}
