package io.sluice.activities.aws;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The AWS services Sluice's activities call. */
public final class AwsServices {
    /** S3; path-style addressing against a local stand-in, whose host names carry no bucket. */
    public static final AwsService<S3ClientBuilder, S3Client> S3 =
            new AwsService<>("s3", S3Client::builder, builder -> builder.forcePathStyle(true));
    public static final AwsService<EcrClientBuilder, EcrClient> ECR = AwsService.of("ecr", EcrClient::builder);

    private AwsServices() {}
}
