package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.SampleImage;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ImageCopyRequest;
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
            var copier = new EcrImageCopier(clients, endpoints, new CopySettings(64 * CopySettings.MIB, 64 * CopySettings.MIB, 4));
            var request = new ImageCopyRequest("dev", "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0",
                    "shared", List.of("test", "prod"));
            List<String> heartbeats = new ArrayList<>();

            var first = copier.copy(request, heartbeats::add);
            var second = copier.copy(request, heartbeats::add);

            assertThat(first.digest()).isEqualTo(digest);
            assertThat(first.targetImage()).isEqualTo("100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0");
            assertThat(first.blobsCopied()).isEqualTo(4);
            assertThat(second.digest()).isEqualTo(digest);
            assertThat(second.blobsCopied()).isZero();
            assertThat(second.bytesCopied()).isZero();
            assertThat(heartbeats).anySatisfy(line -> assertThat(line).startsWith("copied sha256:"));
            var ecr = clients.client("shared", AwsServices.ECR);
            assertThat(ecr.describeRepositories(d -> d.repositoryNames("credit-risk-xgboost")).repositories()).hasSize(1);
            assertThat(ecr.getRepositoryPolicy(g -> g.repositoryName("credit-risk-xgboost")).policyText())
                    .contains("arn:aws:iam::100000000005:root", "arn:aws:iam::100000000006:root", "ecr:BatchGetImage");
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
