package io.sluice.workflows.deployment;

/** A valid deployment spec for tests in other packages. */
public final class FakeDeployments {
    private FakeDeployments() {}

    public static DeploymentSpec spec() {
        return FakeDeploymentActivities.spec();
    }
}
