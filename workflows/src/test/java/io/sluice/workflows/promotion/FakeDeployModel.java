package io.sluice.workflows.promotion;

import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.deployment.DeployResult;
import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import io.sluice.workflows.deployment.DeploymentOutcome;
import io.sluice.workflows.deployment.IntegrationTestActivities.TestReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for DeployModel when a promotion starts one: records the request and ends. */
public final class FakeDeployModel extends GatedWorkflow implements DeployModelWorkflow {
    static final List<DeployRequest> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    public DeployResult deploy(DeployRequest request) {
        REQUESTS.add(request);
        return new DeployResult(DeploymentOutcome.DEPLOYED, request.modelPackageArn(), StackOutcome.notApplied("test"),
                TestReport.notRun(), StackOutcome.notApplied("prod"), TestReport.notRun(), "", gate.state().outcome());
    }
}
