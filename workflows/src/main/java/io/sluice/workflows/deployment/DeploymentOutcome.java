package io.sluice.workflows.deployment;

import io.sluice.workflows.runs.RunOutcome;

/** How a DeployModel run ended. */
public enum DeploymentOutcome implements RunOutcome {
    /** Tested, approved by the governance officer, serving in production. */
    DEPLOYED,
    /** The test endpoint failed its integration tests; nobody was asked to approve. */
    FAILED_TESTS,
    /** The governance officer rejected it; production is untouched. */
    REJECTED,
    /** Nobody decided before the gate's deadline; production is untouched. */
    EXPIRED,
    /**
     * The production update failed and CloudFormation rolled it back, or production answered no
     * smoke-test request and Sluice applied the previous release again; the previous release serves.
     */
    ROLLED_BACK;

    @Override
    public boolean succeeded() {
        return this == DEPLOYED;
    }
}
