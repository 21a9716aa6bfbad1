package io.sluice.workflows.registry;

import io.temporal.activity.ActivityInterface;
import java.util.Map;
import java.util.Objects;

/** The SageMaker model registry of one account. Every method is idempotent. */
@ActivityInterface(namePrefix = "Registry")
public interface ModelRegistryActivities {

    /** Creates the group unless it exists; an existing group is kept as it is. */
    GroupResult ensureGroup(GroupRequest request);

    /**
     * Registers a model package in the group, PendingManualApproval. Idempotency key: the workflow
     * id, kept in the package's customer metadata ({@code sluice:workflowId}) and as client token, so
     * a retry finds the package it made instead of adding a version.
     */
    PackageResult registerPackage(PackageRequest request);

    /** Sets the package's approval status, keeping its customer metadata. */
    PackageResult setApprovalStatus(ApprovalStatusRequest request);

    record GroupRequest(String account, String group, String description, Map<String, String> tags) {
        public GroupRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(group, "group is null");
            Objects.requireNonNull(description, "description is null");
            tags = Map.copyOf(tags);
        }
    }

    record GroupResult(String groupArn, boolean created) {}

    /**
     * @param image the inference image (the training image for built-in algorithms)
     * @param modelDataUri the {@code model.tar.gz}
     * @param metrics the training metrics, recorded as the package's model quality statistics
     * @param metricsUri where those statistics are written as JSON
     * @param metadata customer metadata: links to the run, its inputs and the flow's hash
     */
    record PackageRequest(String account, String group, String workflowId, String image, String modelDataUri,
            Map<String, Double> metrics, String metricsUri, Map<String, String> metadata, String description) {
        public PackageRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(group, "group is null");
            Objects.requireNonNull(workflowId, "workflowId is null");
            Objects.requireNonNull(image, "image is null");
            Objects.requireNonNull(modelDataUri, "modelDataUri is null");
            metrics = Map.copyOf(metrics);
            Objects.requireNonNull(metricsUri, "metricsUri is null");
            metadata = Map.copyOf(metadata);
            Objects.requireNonNull(description, "description is null");
        }
    }

    record PackageResult(String packageArn, int version, String approvalStatus) {}

    /** @param status {@code Approved}, {@code Rejected} or {@code PendingManualApproval} */
    record ApprovalStatusRequest(String account, String packageArn, String status, String description) {
        public ApprovalStatusRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(packageArn, "packageArn is null");
            Objects.requireNonNull(status, "status is null");
            Objects.requireNonNull(description, "description is null");
        }
    }
}
