package io.sluice.workflows.deployment;

import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.runs.RunResult;

/**
 * Output of DeployModel. A stage that was not reached has a stack with status {@code NOT_APPLIED}
 * and a test report with no invocations; {@code report} is the test endpoint's integration tests.
 * {@code gate} is how its approval gate ended (results recorded before it existed hold the gate
 * as {@code approval} instead, and have no {@code gate}).
 */
public record DeployResult(DeploymentOutcome outcome, String modelPackageArn, DeploymentActivities.StackOutcome testStack,
        IntegrationTestActivities.TestReport report, DeploymentActivities.StackOutcome prodStack,
        IntegrationTestActivities.TestReport smokeTest, String reason, GateOutcome gate) implements RunResult {}
