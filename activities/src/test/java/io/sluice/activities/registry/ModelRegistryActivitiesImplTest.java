package io.sluice.activities.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.registry.ModelRegistryActivities.ApprovalStatusRequest;
import io.sluice.workflows.registry.ModelRegistryActivities.GroupRequest;
import io.sluice.workflows.registry.ModelRegistryActivities.PackageRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class ModelRegistryActivitiesImplTest {
    static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

    @Test
    void ensureGroup_twice_leavesOneGroup(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var registry = new ModelRegistryActivitiesImpl(clients);
            var request = new GroupRequest("dev", "credit-risk", "Credit risk", Map.of("team", "risk"));

            var first = registry.ensureGroup(request);
            var second = registry.ensureGroup(request);

            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.groupArn()).isEqualTo(first.groupArn());
            assertThat(clients.client("dev", AwsServices.SAGEMAKER).listModelPackageGroups(list -> { }).modelPackageGroupSummaryList())
                    .hasSize(1);
        }
    }

    @Test
    void registerPackage_twiceForOneWorkflow_isOnePackageWithItsMetadataAndStatistics(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var registry = new ModelRegistryActivitiesImpl(clients);
            registry.ensureGroup(new GroupRequest("dev", "credit-risk", "", Map.of()));
            String bucket = localAws.account("dev").artifactBucket();
            var request = new PackageRequest("dev", "credit-risk", "build/credit-risk/1", IMAGE,
                    "s3://" + bucket + "/build/job/output/model.tar.gz", Map.of("validation:auc", 0.91),
                    "s3://" + bucket + "/build/job/evaluation/statistics.json", Map.of("sluice:flowSha256", "abc"), "first");

            var first = registry.registerPackage(request);
            var second = registry.registerPackage(request);

            assertThat(second.packageArn()).isEqualTo(first.packageArn());
            assertThat(first.approvalStatus()).isEqualTo("PendingManualApproval");
            var sageMaker = clients.client("dev", AwsServices.SAGEMAKER);
            assertThat(sageMaker.listModelPackages(list -> list.modelPackageGroupName("credit-risk")).modelPackageSummaryList())
                    .hasSize(1);
            var described = sageMaker.describeModelPackage(d -> d.modelPackageName(first.packageArn()));
            assertThat(described.customerMetadataProperties())
                    .containsEntry("sluice:workflowId", "build/credit-risk/1")
                    .containsEntry("sluice:flowSha256", "abc");
            assertThat(described.inferenceSpecification().containers().get(0).image()).isEqualTo(IMAGE);
            String statistics = clients.client("dev", AwsServices.S3)
                    .getObjectAsBytes(get -> get.bucket(bucket).key("build/job/evaluation/statistics.json")).asUtf8String();
            assertThat(statistics).contains("\"validation:auc\" : 0.91");
        }
    }

    @Test
    void setApprovalStatus_approvesAndKeepsTheMetadata(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var registry = new ModelRegistryActivitiesImpl(clients);
            registry.ensureGroup(new GroupRequest("dev", "credit-risk", "", Map.of()));
            String bucket = localAws.account("dev").artifactBucket();
            var registered = registry.registerPackage(new PackageRequest("dev", "credit-risk", "build/credit-risk/2", IMAGE,
                    "s3://" + bucket + "/m.tar.gz", Map.of(), "s3://" + bucket + "/s.json", Map.of(), ""));

            var approved = registry.setApprovalStatus(new ApprovalStatusRequest("dev", registered.packageArn(), "Approved",
                    "approved by lead-ds@example.com"));

            assertThat(approved.approvalStatus()).isEqualTo("Approved");
            var described = clients.client("dev", AwsServices.SAGEMAKER)
                    .describeModelPackage(d -> d.modelPackageName(registered.packageArn()));
            assertThat(described.customerMetadataProperties()).containsEntry("sluice:workflowId", "build/credit-risk/2");
        }
    }
}
