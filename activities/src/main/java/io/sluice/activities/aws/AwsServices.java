package io.sluice.activities.aws;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;

/** The AWS services Sluice's activities call. */
public final class AwsServices {
    /** S3; path-style addressing against a local stand-in, whose host names carry no bucket. */
    public static final AwsService<S3ClientBuilder, S3Client> S3 =
            new AwsService<>("s3", S3Client::builder, builder -> builder.forcePathStyle(true));
    public static final AwsService<EcrClientBuilder, EcrClient> ECR = AwsService.of("ecr", EcrClient::builder);
    public static final AwsService<SageMakerClientBuilder, SageMakerClient> SAGEMAKER =
            AwsService.of("sagemaker", SageMakerClient::builder);
    public static final AwsService<SageMakerRuntimeClientBuilder, SageMakerRuntimeClient> SAGEMAKER_RUNTIME =
            AwsService.of("sagemaker-runtime", SageMakerRuntimeClient::builder);
    public static final AwsService<CloudFormationClientBuilder, CloudFormationClient> CLOUDFORMATION =
            AwsService.of("cloudformation", CloudFormationClient::builder);
    /** KMS; a local stand-in's key policies from templates are read back as text ({@link LocalKeyPolicyText}). */
    public static final AwsService<KmsClientBuilder, KmsClient> KMS = new AwsService<>("kms", KmsClient::builder,
            builder -> builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(new LocalKeyPolicyText()).build()));
    public static final AwsService<SfnClientBuilder, SfnClient> STEP_FUNCTIONS = AwsService.of("states", SfnClient::builder);
    public static final AwsService<GlueClientBuilder, GlueClient> GLUE = AwsService.of("glue", GlueClient::builder);
    public static final AwsService<LakeFormationClientBuilder, LakeFormationClient> LAKE_FORMATION =
            AwsService.of("lakeformation", LakeFormationClient::builder);

    private AwsServices() {}
}
