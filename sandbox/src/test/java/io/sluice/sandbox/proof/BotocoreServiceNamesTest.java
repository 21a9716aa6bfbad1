package io.sluice.sandbox.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

class BotocoreServiceNamesTest {

    private record Call(String service, String operation, SdkRequest request) {}

    /** Records the names the SDK gives a call, then stops the call before it leaves the JVM. */
    private static final class Recorder implements ExecutionInterceptor {
        private final List<Call> calls;

        Recorder(List<Call> calls) {
            this.calls = calls;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
            throw new IllegalStateException("recorded, not sent");
        }
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B recording(B builder,
            SdkHttpClient http, List<Call> calls) {
        return builder.region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration(override -> override.addExecutionInterceptor(new Recorder(calls)));
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException stoppedByTheRecorder) {
            // The recorder has what the test needs.
        }
    }

    @Test
    void serviceNamesTheSdkReports_mapToModelsThatHaveTheOperation() {
        List<Call> calls = new ArrayList<>();
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
                var sageMaker = recording(SageMakerClient.builder(), http, calls).build();
                var s3 = recording(S3Client.builder(), http, calls).build();
                var ecr = recording(EcrClient.builder(), http, calls).build();
                var cloudFormation = recording(CloudFormationClient.builder(), http, calls).build();
                var sfn = recording(SfnClient.builder(), http, calls).build();
                var glue = recording(GlueClient.builder(), http, calls).build();
                var lakeFormation = recording(LakeFormationClient.builder(), http, calls).build();
                var sts = recording(StsClient.builder(), http, calls).build();
                var iam = recording(IamClient.builder(), http, calls).build();
                var sageMakerRuntime = recording(SageMakerRuntimeClient.builder(), http, calls).build();
                var kms = recording(KmsClient.builder(), http, calls).build()) {
            attempt(() -> sageMaker.listModels());
            attempt(() -> s3.listBuckets());
            attempt(() -> ecr.describeRepositories());
            attempt(() -> cloudFormation.describeStacks());
            attempt(() -> sfn.listStateMachines());
            attempt(() -> glue.getDatabases(request -> { }));
            attempt(() -> lakeFormation.listPermissions(request -> { }));
            attempt(() -> sts.getCallerIdentity());
            attempt(() -> iam.listRoles());
            attempt(() -> sageMakerRuntime.invokeEndpoint(request -> request
                    .endpointName("credit-risk").body(SdkBytes.fromUtf8String("1,2,3"))));
            attempt(() -> kms.listKeys());
        }

        assertThat(calls).hasSize(11);
        assertThat(calls).allSatisfy(call -> {
            ServiceModel model = ServiceModels.forService(BotocoreServiceNames.folderOf(call.service()));
            assertThat(model.inputShape(call.operation())).isPresent();
            assertThat(RequestShapeValidator.validate(call.service(), call.operation(), call.request())).isEmpty();
        });
        assertThat(calls).extracting(call -> BotocoreServiceNames.folderOf(call.service()))
                .containsExactlyInAnyOrderElementsOf(BotocoreServiceNames.folders());
    }

    @Test
    void folderOf_matchesTheSdksNameIgnoringCaseAndRefusesOthers() {
        assertThat(BotocoreServiceNames.folderOf("SFN")).isEqualTo("stepfunctions");
        assertThat(BotocoreServiceNames.folderOf("Sfn")).isEqualTo("stepfunctions");
        assertThat(BotocoreServiceNames.folderOf("SageMakerRuntime")).isEqualTo("sagemaker-runtime");
        assertThatThrownBy(() -> BotocoreServiceNames.folderOf("Lambda"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Lambda'")
                .hasMessageContaining("sagemakerruntime");
    }
}
