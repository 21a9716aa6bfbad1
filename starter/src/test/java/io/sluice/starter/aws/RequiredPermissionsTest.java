package io.sluice.starter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.workflows.AwsAccount;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredPermissionsTest {

    @Test
    void pattern_generalisesWhatOneRunNames() {
        assertThat(RequiredPermissions.pattern("arn:aws:s3:::sluice-dev-100000000003/build/credit-risk-demo-train-dad2b575/output/model.tar.gz"))
                .isEqualTo("arn:aws:s3:::sluice-dev-100000000003/build/*");
        assertThat(RequiredPermissions.pattern("arn:aws:s3:::sluice-dev-100000000003/flows"))
                .isEqualTo("arn:aws:s3:::sluice-dev-100000000003/flows");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000003:training-job/credit-risk-demo-train-dad2b575"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000003:training-job/*");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/*");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000004:model-card/credit-risk-v12"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000004:model-card/credit-risk-v*");
        assertThat(RequiredPermissions.pattern("arn:aws:kms:us-east-1:100000000004:key/a2693224-4f2f-4b94-83ce-e8052b3787c4"))
                .isEqualTo("arn:aws:kms:us-east-1:100000000004:key/*");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000005:model/credit-risk-test-v2-0a1b2c3d"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000005:model/credit-risk-test-*");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000005:endpoint-config/credit-risk-prod-v12-9f8e7d6c"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000005:endpoint-config/credit-risk-prod-*");
        assertThat(RequiredPermissions.pattern("arn:aws:sagemaker:us-east-1:100000000005:endpoint/credit-risk"))
                .isEqualTo("arn:aws:sagemaker:us-east-1:100000000005:endpoint/credit-risk");
        assertThat(RequiredPermissions.pattern("arn:aws:states:us-east-1:100000000003:execution:refresh:credit-risk-k1-pre-17558df7"))
                .isEqualTo("arn:aws:states:us-east-1:100000000003:execution:refresh:*");
        assertThat(RequiredPermissions.pattern("arn:aws:states:us-east-1:100000000003:stateMachine:refresh"))
                .isEqualTo("arn:aws:states:us-east-1:100000000003:stateMachine:refresh");
    }

    @Test
    void forEstate_replacesAccountIdsRegionAndWorkerRoles() {
        var local = new RequiredPermissions(Map.of("dev", "100000000003", "shared", "100000000004"), Map.of(
                "arn:aws:iam::100000000004:role/SluiceWorker", new RequiredPermissions.Role("shared", Map.of("s3:GetObject",
                        Set.of("arn:aws:s3:::sluice-dev-100000000003/build/*"))),
                "arn:aws:iam::100000000003:role/SluiceSageMakerExecution", new RequiredPermissions.Role("dev", Map.of(
                        "ecr:BatchGetImage", Set.of("arn:aws:ecr:us-east-1:663277389841:repository/sagemaker-data-wrangler-container")))));

        var estate = local.forEstate(Map.of(
                "dev", new AwsAccount("dev", "222233334444", "arn:aws:iam::222233334444:role/MlWorker"),
                "shared", new AwsAccount("shared", "555566667777", "arn:aws:iam::555566667777:role/MlWorker")), "us-east-1", "eu-west-1");

        assertThat(estate.roles()).containsOnlyKeys("arn:aws:iam::555566667777:role/MlWorker",
                "arn:aws:iam::222233334444:role/SluiceSageMakerExecution");
        assertThat(estate.roles().get("arn:aws:iam::555566667777:role/MlWorker").actions().get("s3:GetObject"))
                .containsExactly("arn:aws:s3:::sluice-dev-222233334444/build/*");
        assertThat(estate.roles().get("arn:aws:iam::222233334444:role/SluiceSageMakerExecution").actions().get("ecr:BatchGetImage"))
                .containsExactly("arn:aws:ecr:eu-west-1:663277389841:repository/sagemaker-data-wrangler-container");
    }

    @Test
    void forAccounts_leavesOutTheOtherAccountsRolesAndTheResourcesInThem() {
        var local = new RequiredPermissions(Map.of("dev", "100000000003", "shared", "100000000004", "dev2", "100000000007"), Map.of(
                "arn:aws:iam::100000000004:role/SluiceWorker", new RequiredPermissions.Role("shared", Map.of(
                        "s3:GetObject", Set.of("arn:aws:s3:::sluice-dev-100000000003/build/*", "arn:aws:s3:::sluice-dev2-100000000007/build/*"),
                        "s3:GetObjectTagging", Set.of("arn:aws:s3:::sluice-dev2-100000000007/build/*"),
                        "ecr:GetAuthorizationToken", Set.of())),
                "arn:aws:iam::100000000007:role/SluiceWorker", new RequiredPermissions.Role("dev2", Map.of(
                        "s3:PutObject", Set.of("arn:aws:s3:::sluice-dev2-100000000007/build/*")))));

        var required = local.forAccounts(java.util.List.of("dev", "shared"));

        assertThat(required.accounts()).containsOnlyKeys("dev", "shared");
        assertThat(required.roles()).containsOnlyKeys("arn:aws:iam::100000000004:role/SluiceWorker");
        assertThat(required.roles().get("arn:aws:iam::100000000004:role/SluiceWorker").actions())
                .containsOnlyKeys("s3:GetObject", "ecr:GetAuthorizationToken")
                .containsEntry("s3:GetObject", Set.of("arn:aws:s3:::sluice-dev-100000000003/build/*"));
    }

    @Test
    void forEstate_withoutAnAccountThePermissionsName_failsNamingIt() {
        var local = new RequiredPermissions(Map.of("dev", "100000000003"), Map.of("arn:aws:iam::100000000003:role/SluiceWorker",
                new RequiredPermissions.Role("dev", Map.of())));

        assertThatThrownBy(() -> local.forEstate(Map.of(), "us-east-1", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounts.dev is missing from the config");
    }
}
