package io.sluice.workflows.deployment;

import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.runs.RunResult;

/**
 * Output of DeployModel. A stage that was not reached has a stack with status {@code NOT_APPLIED}
 * and a test report with no invocations; {@code report} is the test endpoint's integration tests.
 */
public record DeployResult(DeploymentOutcome outcome, String modelPackageArn, DeploymentActivities.StackOutcome testStack,
        IntegrationTestActivities.TestReport report, DeploymentActivities.StackOutcome prodStack,
        IntegrationTestActivities.TestReport smokeTest, String reason, ApprovalState approval) implements RunResult {}
