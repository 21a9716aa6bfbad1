package io.sluice.workflows.dataproduct;

import io.sluice.workflows.approval.Cancellable;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * RegisterDataProduct, id {@code data-product/<domain>/<name>}: in governance the LF-tags, the
 * database with its business metadata, the registered location and the producer's grants; in the
 * producer its resource link and the tables (from the contract, or a crawler run); in governance
 * the tags on database and tables and the consumers' tag-based grants; in each consumer its
 * resource link. A new version is checked against the stored contract first, and may start a
 * retraining BuildModel that outlives the registration.
 */
@WorkflowInterface
public interface RegisterDataProductWorkflow extends Cancellable {
    String TYPE = "RegisterDataProduct";

    @WorkflowMethod(name = TYPE)
    RegisterDataProductResult register(RegisterDataProductRequest request);
}
