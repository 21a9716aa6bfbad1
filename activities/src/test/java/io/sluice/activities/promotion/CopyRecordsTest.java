package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.activities.aws.S3Objects;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyManifest;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyRecordRequest;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopiedImage;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopiedObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class CopyRecordsTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void theManifest_holdsEveryCopy_itsBytesHaveTheRecordedSha256_andRecordingAgainWritesTheSameBytes(LocalAws localAws)
            throws Exception {
        String bucket = localAws.account("shared").artifactBucket();
        String prefix = "models/100000000003/credit-risk/v1/";
        var objects = List.of(
                new CopiedObject("s3://dev/model.tar.gz", "s3://" + bucket + "/" + prefix + "container-0-model.tar.gz", 1234, SHA),
                new CopiedObject("s3://dev/stats.json", "s3://" + bucket + "/" + prefix + "statistics.json", 66, SHA));
        var images = List.of(new CopiedImage("100000000003.dkr.ecr.us-east-1.amazonaws.com/m:1",
                "100000000004.dkr.ecr.us-east-1.amazonaws.com/m:1", "sha256:abc"));
        var request = new CopyRecordRequest("shared", "s3://" + bucket + "/" + prefix + "sluice-copies.json", "",
                "promote/arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1",
                "arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1", objects, images);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var records = new CopyRecords(new S3Objects(clients));

            var record = records.write(request);
            var again = records.write(request);

            assertThat(again).isEqualTo(record);
            assertThat(record.manifestUri()).isEqualTo(request.manifestUri());
            assertThat(record.objects()).isEqualTo(2);
            assertThat(record.images()).isEqualTo(1);
            assertThat(record.bytes()).isEqualTo(1300);
            try (var s3 = localAws.s3("shared")) {
                var location = S3Uri.parse(record.manifestUri());
                var held = s3.getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key()));
                assertThat(S3ObjectCopierTest.sha256(held.asByteArray())).isEqualTo(record.sha256());
                assertThat(held.response().contentType()).isEqualTo("application/json");
                assertThat(new ObjectMapper().readValue(held.asByteArray(), CopyManifest.class))
                        .isEqualTo(new CopyManifest(request.workflowId(), request.sourcePackageArn(), objects, images));
                assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix(prefix)).contents())
                        .as("nothing but the manifest is written").singleElement().satisfies(object -> assertThat(object.key()).isEqualTo(prefix + "sluice-copies.json"));
            }
        }
    }
}
