package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.SampleImage;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ImageCopyRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class EcrImageCopierTest {

    @Test
    void copy_keepsTheDigestCreatesTheRepositoryWithAPullPolicyAndASecondCopyMovesNothing(LocalAws localAws) {
        String digest = SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 11, 3, 64 * 1024);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var endpoints = new RegistryEndpoints(localAws.registryHostsByAccountId());
            var copier = new EcrImageCopier(clients, endpoints, new CopySettings(64 * CopySettings.MIB, 64 * CopySettings.MIB, 4, 4));
            var request = new ImageCopyRequest("dev", "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0",
                    "shared", List.of("test", "prod"));
            List<String> heartbeats = java.util.Collections.synchronizedList(new ArrayList<>());

            var first = copier.copy(request, heartbeats::add);
            var second = copier.copy(request, heartbeats::add);

            assertThat(first.digest()).isEqualTo(digest);
            assertThat(first.targetImage()).isEqualTo("100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0");
            assertThat(first.blobsCopied()).isEqualTo(4);
            assertThat(second.digest()).isEqualTo(digest);
            assertThat(second.blobsCopied()).isZero();
            assertThat(second.bytesCopied()).isZero();
            assertThat(heartbeats).anySatisfy(line -> assertThat(line).startsWith("copying " + request.sourceImage() + ": ")
                    .contains(" blob(s) done, ").contains("; copied sha256:"));
            var ecr = clients.client("shared", AwsServices.ECR);
            assertThat(ecr.describeRepositories(d -> d.repositoryNames("credit-risk-xgboost")).repositories()).hasSize(1);
            assertThat(ecr.getRepositoryPolicy(g -> g.repositoryName("credit-risk-xgboost")).policyText())
                    .contains("arn:aws:iam::100000000005:root", "arn:aws:iam::100000000006:root", "ecr:BatchGetImage");
        }
    }

    @Test
    void copy_mergesItsPullStatementIntoTheRepositoryPolicy_keepingWhatWasThere(LocalAws localAws) {
        SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 11, 1, 1024);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var ecr = clients.client("shared", AwsServices.ECR);
            ecr.createRepository(create -> create.repositoryName("credit-risk-xgboost"));
            ecr.setRepositoryPolicy(set -> set.repositoryName("credit-risk-xgboost").policyText("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Sid\":\"PlatformScanner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::100000000001:root\"},\"Action\":\"ecr:DescribeImages\"}]}"));
            var copier = new EcrImageCopier(clients, new RegistryEndpoints(localAws.registryHostsByAccountId()), CopySettings.DEFAULTS);

            copier.copy(new ImageCopyRequest("dev", "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0", "shared",
                    List.of("test")), line -> { });

            String policy = ecr.getRepositoryPolicy(get -> get.repositoryName("credit-risk-xgboost")).policyText();
            assertThat(policy).contains("PlatformScanner", "ecr:DescribeImages", "SluiceStagesPull", "arn:aws:iam::100000000005:root");
        }
    }

    @Test
    void copy_ofAnImageSageMakerCannotRun_isRefusedBeforeAnythingIsCreated(LocalAws localAws) {
        String registry = localAws.registry("dev").host();
        SampleImage.push(registry, "credit-risk-xgboost", "1.0", 11, 1, 1024);
        SampleImage.pushVariant(registry, "credit-risk-xgboost", "1.0", "oci", "oci");
        SampleImage.pushVariant(registry, "credit-risk-xgboost", "1.0", "arm", "arm64-list");
        String amd64List = SampleImage.pushVariant(registry, "credit-risk-xgboost", "1.0", "multi", "amd64-list");
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var copier = new EcrImageCopier(clients, new RegistryEndpoints(localAws.registryHostsByAccountId()), CopySettings.DEFAULTS);
            String image = "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:";

            var oci = catchThrowableOfType(ApplicationFailure.class,
                    () -> copier.copy(new ImageCopyRequest("dev", image + "oci", "shared", List.of()), line -> { }));
            var arm = catchThrowableOfType(ApplicationFailure.class,
                    () -> copier.copy(new ImageCopyRequest("dev", image + "arm", "shared", List.of()), line -> { }));

            assertThat(oci.isNonRetryable()).isTrue();
            assertThat(oci.getType()).isEqualTo("sluice.InvalidInput");
            assertThat(oci.getOriginalMessage()).contains("credit-risk-xgboost:oci", "cannot be promoted", "OCI image");
            assertThat(arm.getOriginalMessage()).contains("credit-risk-xgboost:arm", "no linux/amd64 Docker image manifest");
            assertThat(clients.client("shared", AwsServices.ECR).describeRepositories().repositories()).isEmpty();
            assertThat(copier.copy(new ImageCopyRequest("dev", image + "multi", "shared", List.of()), line -> { }).digest())
                    .isEqualTo(amd64List);
        }
    }

    @Test
    void copy_ofATagTheSourceDoesNotHave_failsNotFoundWithoutRetrying(LocalAws localAws) {
        SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 11, 1, 1024);
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var copier = new EcrImageCopier(clients, new RegistryEndpoints(localAws.registryHostsByAccountId()), CopySettings.DEFAULTS);

            var missing = catchThrowableOfType(ApplicationFailure.class, () -> copier.copy(new ImageCopyRequest("dev",
                    "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:9.9", "shared", List.of()), line -> { }));

            assertThat(missing.isNonRetryable()).isTrue();
            assertThat(missing.getType()).isEqualTo("sluice.NotFound");
            assertThat(missing.getOriginalMessage()).contains("credit-risk-xgboost:9.9", "HTTP 404");
            assertThat(clients.client("shared", AwsServices.ECR).describeRepositories().repositories()).isEmpty();
        }
    }

    @Test
    void copy_ofAnAwsOwnedImage_leavesItAsItIs(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var copier = new EcrImageCopier(clients, new RegistryEndpoints(Map.of()), CopySettings.DEFAULTS);
            String image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

            var copy = copier.copy(new ImageCopyRequest("dev", image, "shared", List.of()), line -> { });

            assertThat(copy.targetImage()).isEqualTo(image);
            assertThat(copy.blobsCopied()).isZero();
        }
    }
}
