package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.activities.registry.ModelRegistryActivitiesImpl;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.registry.ModelRegistryActivities;
import io.sluice.workflows.promotion.PromotionActivities;
import io.sluice.workflows.promotion.PromotionPlan;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class PromotionActivitiesImplTest {
    static final String IMAGE = "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0";

    @Test
    void planRegisterAndCard_twice_giveOneCentralPackageAndOneCardVersion(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            String dev = localAws.account("dev").artifactBucket();
            String shared = localAws.account("shared").artifactBucket();
            var registry = new ModelRegistryActivitiesImpl(clients);
            registry.ensureGroup(new ModelRegistryActivities.GroupRequest("dev", "credit-risk", "Credit risk", Map.of()));
            var source = registry.registerPackage(new ModelRegistryActivities.PackageRequest("dev", "credit-risk", "build/credit-risk/1",
                    IMAGE, "s3://" + dev + "/build/train/output/model.tar.gz", Map.of("validation:auc", 0.81),
                    "s3://" + dev + "/build/train/evaluation/statistics.json", Map.of("sluice:trainingJob", "train"), "Credit risk"));
            registry.setApprovalStatus(new ModelRegistryActivities.ApprovalStatusRequest("dev", source.packageArn(), "Approved",
                    "approved by lead-ds@example.com"));
            var promotion = new PromotionActivitiesImpl(clients);

            PromotionPlan plan = promotion.plan(new PromotionActivities.PlanRequest("", source.packageArn(), "shared",
                    "s3://" + shared + "/models", true));
            PromotionPlan byUri = promotion.plan(new PromotionActivities.PlanRequest("", source.packageArn(), "shared",
                    "s3://" + shared + "/models", false));
            var wrongAccount = catchThrowableOfType(ApplicationFailure.class, () -> promotion.plan(new PromotionActivities.PlanRequest(
                    "producer", source.packageArn(), "shared", "s3://" + shared + "/models", true)));

            assertThat(plan.sourceAccount()).as("the alias of the account the ARN names").isEqualTo("dev");
            assertThat(wrongAccount.getType()).isEqualTo("sluice.InvalidInput");
            assertThat(wrongAccount.getOriginalMessage()).startsWith("promotion.sourceAccount 'producer' is account 100000000002, "
                    + "but model package " + source.packageArn() + " is in account 100000000003; expected dev");
            assertThat(plan.approvalStatus()).isEqualTo("Approved");
            assertThat(plan.sourceGroup()).isEqualTo("credit-risk");
            assertThat(plan.metrics()).containsEntry("validation:auc", 0.81);
            assertThat(plan.artifacts()).as("targets named under the target prefix").containsEntry(
                    "s3://" + dev + "/build/train/output/model.tar.gz", "container-0-model.tar.gz");
            assertThat(plan.targets()).containsEntry("s3://" + dev + "/build/train/output/model.tar.gz",
                    "s3://" + shared + "/models/100000000003/credit-risk/v1/container-0-model.tar.gz");
            assertThat(byUri.artifacts()).as("as runs from before ask for them: whole URIs").isEqualTo(plan.targets());
            assertThat(byUri.targets()).isEqualTo(plan.targets());
            assertThat(plan.targetPrefix()).as("where the record of the copies goes, beside them")
                    .isEqualTo("s3://" + shared + "/models/100000000003/credit-risk/v1");
            assertThat(plan.images()).containsEntry(IMAGE, "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0");

            registry.ensureGroup(new ModelRegistryActivities.GroupRequest("shared", "credit-risk", "", Map.of()));
            var central = new PromotionActivities.CentralPackageRequest("shared", "credit-risk", "promote/" + source.packageArn(),
                    "Credit risk", List.of(new PromotionPlan.Container("100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0",
                            "s3://" + shared + "/models/100000000003/credit-risk/v1/container-0-model.tar.gz", Map.of())), "",
                    Map.of("sluice:sourceModelPackageArn", source.packageArn()));
            var first = promotion.registerCentral(central);
            var second = promotion.registerCentral(central);
            var card = new PromotionActivities.ModelCardRequest("shared", "credit-risk-v1", first.packageArn(),
                    new PromotionActivities.ModelCardContent("Credit risk", "train", plan.metrics(),
                            Map.of("sourceModelPackageArn", source.packageArn()), List.of("model-approval: approved by lead-ds@example.com")));
            var written = promotion.writeModelCard(card);
            var rewritten = promotion.writeModelCard(card);

            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.packageArn()).isEqualTo(first.packageArn());
            assertThat(clients.client("shared", AwsServices.SAGEMAKER)
                    .listModelPackages(list -> list.modelPackageGroupName("credit-risk")).modelPackageSummaryList()).hasSize(1);
            assertThat(written.changed()).isTrue();
            assertThat(rewritten.changed()).isFalse();
            assertThat(rewritten.version()).isEqualTo(written.version());
            var described = clients.client("shared", AwsServices.SAGEMAKER).describeModelCard(d -> d.modelCardName("credit-risk-v1"));
            assertThat(described.content()).contains("validation:auc", source.packageArn(), "lead-ds@example.com");
        }
    }
}
