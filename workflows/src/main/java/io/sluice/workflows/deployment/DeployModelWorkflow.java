package io.sluice.workflows.deployment;

import io.sluice.workflows.approval.Approvable;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * DeployModel, id {@code deploy/<endpoint-name>}: test endpoint, integration tests, the governance
 * officer's approval, then production, rolled back by CloudFormation if it fails.
 */
@WorkflowInterface
public interface DeployModelWorkflow extends Approvable {
    String TYPE = "DeployModel";

    @WorkflowMethod(name = TYPE)
    DeployResult deploy(DeployRequest request);
}
