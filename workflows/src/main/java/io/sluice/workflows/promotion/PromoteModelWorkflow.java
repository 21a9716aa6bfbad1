package io.sluice.workflows.promotion;

import io.sluice.workflows.approval.Approvable;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * PromoteModel, id {@code promote/<source-model-package-arn>}: copies an approved package's
 * artifacts and images from development to shared services, registers it centrally with a model
 * card, and asks an ML engineer to approve it.
 */
@WorkflowInterface
public interface PromoteModelWorkflow extends Approvable {
    String TYPE = "PromoteModel";

    @WorkflowMethod(name = TYPE)
    PromoteResult promote(PromoteRequest request);
}
