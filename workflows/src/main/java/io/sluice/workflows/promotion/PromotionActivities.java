package io.sluice.workflows.promotion;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reading the source package, and the central registry and model card in shared services. */
@ActivityInterface(namePrefix = "Promotion")
public interface PromotionActivities {

    /** Describes the source package and plans the copies: target URIs under the artifact prefix, target image names. */
    PromotionPlan plan(PlanRequest request);

    /**
     * Registers the promoted package in the central group, PendingManualApproval, with the source's
     * inference spec pointing at the copies. Idempotency key: the workflow id, in the customer
     * metadata and as client token; a package it made earlier is returned instead.
     */
    CentralPackage registerCentral(CentralPackageRequest request);

    /** Creates the model card, or updates it (a new version) when its content differs; unchanged content is left alone. */
    ModelCard writeModelCard(ModelCardRequest request);

    /**
     * @param namesUnderTargetPrefix whether the plan names each copy's target under its
     *     {@code targetPrefix} (a smaller plan) rather than by its whole URI; false in requests of runs
     *     from before, whose workflow code reads whole URIs only
     */
    record PlanRequest(String sourceAccount, String sourcePackageArn, String targetAccount, String artifactPrefix,
            boolean namesUnderTargetPrefix) {
        public PlanRequest {
            Objects.requireNonNull(sourceAccount, "sourceAccount is null");
            Objects.requireNonNull(sourcePackageArn, "sourcePackageArn is null");
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(artifactPrefix, "artifactPrefix is null");
        }

        /** This request for the source account resolved from the package's ARN. */
        public PlanRequest withSourceAccount(String resolved) {
            return new PlanRequest(resolved, sourcePackageArn, targetAccount, artifactPrefix, namesUnderTargetPrefix);
        }
    }

    /**
     * @param containers the source's containers with images and model data replaced by the copies
     * @param metadata customer metadata: the source's, plus source ARN and account; the workflow id is
     *     added as {@code sluice:workflowId}
     */
    record CentralPackageRequest(String targetAccount, String group, String workflowId, String description,
            List<PromotionPlan.Container> containers, String metricsUri, Map<String, String> metadata) {
        public CentralPackageRequest {
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(group, "group is null");
            Objects.requireNonNull(workflowId, "workflowId is null");
            Objects.requireNonNull(description, "description is null");
            containers = List.copyOf(containers);
            Objects.requireNonNull(metricsUri, "metricsUri is null");
            metadata = Map.copyOf(metadata);
        }
    }

    record CentralPackage(String packageArn, int version, boolean created) {}

    /**
     * @param name the card's name
     * @param content what the card says: overview, training, metrics, lineage, approvals
     */
    record ModelCardRequest(String targetAccount, String name, String modelPackageArn, ModelCardContent content) {
        public ModelCardRequest {
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(modelPackageArn, "modelPackageArn is null");
            Objects.requireNonNull(content, "content is null");
        }
    }

    /**
     * The facts a model card records.
     *
     * @param description what the model is for
     * @param trainingJob the job that trained it
     * @param metrics its evaluation metrics
     * @param lineage source package, account, data inputs, flow hash
     * @param approvals each approval so far, e.g. {@code model-approval: lead-ds@example.com at …}
     */
    record ModelCardContent(String description, String trainingJob, Map<String, Double> metrics, Map<String, String> lineage,
            List<String> approvals) {
        public ModelCardContent {
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(trainingJob, "trainingJob is null");
            metrics = Map.copyOf(metrics);
            lineage = Map.copyOf(lineage);
            approvals = List.copyOf(approvals);
        }
    }

    /** @param version the card's version after this call; @param changed whether this call created or updated it */
    record ModelCard(String cardArn, int version, boolean changed) {}
}
