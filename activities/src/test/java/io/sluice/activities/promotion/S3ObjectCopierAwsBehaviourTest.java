package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.activities.aws.S3Location;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * S3 as AWS runs it where moto differs: the ETag of an SSE-KMS object is not the MD5 digest of
 * its bytes, so it cannot be compared with the ETag of an unencrypted or SSE-S3 copy.
 */
@ExtendWith(LocalAwsExtension.class)
class S3ObjectCopierAwsBehaviourTest {

    @Test
    void copy_ofAnSseKmsSource_verifiesTheSizeWithoutTakingItsEtagForAnMd5(LocalAws localAws) {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        String sourceUri = "s3://" + localAws.account("dev").artifactBucket() + "/models/model.tar.gz";
        String targetUri = "s3://" + localAws.account("shared").artifactBucket() + "/promoted/model.tar.gz";
        S3Location source = S3Location.parse(sourceUri);
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
        }
        S3Location target = S3Location.parse(targetUri);
        try (var s3 = localAws.s3("shared")) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(target.bucket()).key(target.key())).asByteArray()).isEqualTo(bytes);
        }
    }
}
