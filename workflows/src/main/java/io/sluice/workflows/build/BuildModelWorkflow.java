package io.sluice.workflows.build;

import io.sluice.workflows.approval.Approvable;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * BuildModel, id {@code build/<model-package-group>/<run-key>}: Data Wrangler processing, training,
 * an evaluation gate, registration (PendingManualApproval) and the lead data scientist's approval.
 */
@WorkflowInterface
public interface BuildModelWorkflow extends Approvable {
    String TYPE = "BuildModel";

    @WorkflowMethod(name = TYPE)
    BuildResult build(BuildRequest request);
}
