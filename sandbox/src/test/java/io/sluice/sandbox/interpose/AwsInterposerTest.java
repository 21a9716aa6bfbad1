package io.sluice.sandbox.interpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;

@ExtendWith(LocalAwsExtension.class)
class AwsInterposerTest {

    @Test
    void forwardsUnmatchedRequestsUnchanged(LocalAws localAws) {
        String bucket = localAws.account("dev").artifactBucket();
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint()); var s3 = s3(localAws, interposer)) {
            s3.putObject(put -> put.bucket(bucket).key("a/b.txt"), RequestBody.fromString("bytes"));

            assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("a/b.txt")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("bytes");
            assertThat(s3.headObject(head -> head.bucket(bucket).key("a/b.txt")).contentLength()).isEqualTo(5);
            assertThat(interposer.operations("s3")).hasSize(3);
        }
    }

    @Test
    void answersAMatchedRequestInTheServicesErrorShape(LocalAws localAws) {
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint());
                var sageMaker = SageMakerClient.builder().region(Region.of(LocalAws.REGION))
                        .endpointOverride(interposer.endpoint()).credentialsProvider(localAws.credentials("dev"))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            Rule rule = interposer.when(request -> request.is("sagemaker", "DescribeTrainingJob")).times(1)
                    .answer(AwsReply.jsonError(400, "ResourceInUse", "Message", "held"));

            var refused = catchThrowableOfType(ResourceInUseException.class,
                    () -> sageMaker.describeTrainingJob(describe -> describe.trainingJobName("job")));
            var forwarded = catchThrowableOfType(software.amazon.awssdk.services.sagemaker.model.SageMakerException.class,
                    () -> sageMaker.describeTrainingJob(describe -> describe.trainingJobName("job")));

            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("held");
            assertThat(rule.hits()).isEqualTo(1);
            assertThat(forwarded).isNotInstanceOf(ResourceInUseException.class);
        }
    }

    @Test
    void rewritesMotosAnswer(LocalAws localAws) {
        String bucket = localAws.account("dev").artifactBucket();
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint()); var s3 = s3(localAws, interposer)) {
            interposer.when(request -> request.service().equals("s3") && request.method().equals("GET"))
                    .rewrite(reply -> AwsReply.restXmlError(403, "AccessDenied", "Access Denied"));

            var denied = catchThrowableOfType(S3Exception.class,
                    () -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("absent")));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.statusCode()).isEqualTo(403);
        }
    }

    private static S3Client s3(LocalAws localAws, AwsInterposer interposer) {
        return S3Client.builder().region(Region.of(LocalAws.REGION)).endpointOverride(interposer.endpoint())
                .forcePathStyle(true).credentialsProvider(localAws.credentials("dev"))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
