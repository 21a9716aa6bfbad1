package io.sluice.workflows.deployment;

import io.sluice.workflows.approval.GateCarry;
import io.sluice.workflows.deployment.DeploymentActivities.DeployablePackage;
import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import io.sluice.workflows.deployment.IntegrationTestActivities.TestReport;
import java.util.Objects;

/**
 * Where a DeployModel run stood when it continued as new at its production gate: what the next run
 * needs to finish the deployment without doing the test stage again.
 *
 * @param modelPackage the package being deployed, as described before the test stage
 * @param testStack the test stack as applied (as a result keeps it)
 * @param report the integration tests' report
 * @param gate the open production gate
 */
public record DeployAtGate(DeployablePackage modelPackage, StackOutcome testStack, TestReport report, GateCarry gate) {
    public DeployAtGate {
        Objects.requireNonNull(modelPackage, "modelPackage is null");
        Objects.requireNonNull(testStack, "testStack is null");
        Objects.requireNonNull(report, "report is null");
        Objects.requireNonNull(gate, "gate is null");
    }
}
