package io.sluice.workflows.deployment;

/**
 * How to deploy: what {@code deploy.yaml} holds.
 *
 * @param endpointName the endpoint in both stages (one deployment per endpoint at a time)
 * @param sharedAccount where the model package lives (default shared)
 * @param modelSource {@code package}: the stage's model serves the shared model package (default);
 *     {@code image}: it serves the package's image and model data directly
 * @param test the test stage
 * @param prod the production stage
 * @param integrationTests what the test endpoint must pass
 * @param removeTestStackOnFailure delete the test stack when its tests fail (default: keep it for inspection)
 */
public record DeploymentSpec(String endpointName, String sharedAccount, String modelSource, StageSpec test, StageSpec prod,
        IntegrationTestSpec integrationTests, Boolean removeTestStackOnFailure) {
    public DeploymentSpec {
        if (endpointName == null || !endpointName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,50}")) {
            throw new IllegalArgumentException("endpointName " + (endpointName == null ? "is missing" : "'" + endpointName + "' is not valid")
                    + "; expected letters, digits and single hyphens, at most 51 characters (the stack adds a stage)");
        }
        sharedAccount = sharedAccount == null ? "shared" : sharedAccount.strip();
        modelSource = modelSource == null ? "package" : modelSource.strip();
        if (!modelSource.equals("package") && !modelSource.equals("image")) {
            throw new IllegalArgumentException("modelSource '" + modelSource + "' is not known; expected package or image");
        }
        if (test == null || prod == null) {
            throw new IllegalArgumentException((test == null ? "test" : "prod") + " is missing; expected the stage's "
                    + "executionRoleArn (and optionally account, instanceType, instanceCount)");
        }
        test = test.withDefaultAccount("test");
        prod = prod.withDefaultAccount("prod");
        if (integrationTests == null) {
            throw new IllegalArgumentException("integrationTests is missing; expected payloads or a testSetUri to judge the test endpoint");
        }
        removeTestStackOnFailure = removeTestStackOnFailure != null && removeTestStackOnFailure;
    }

    /** {@code sluice-<endpoint>-<stage>}. */
    public String stackName(String stage) {
        return "sluice-" + endpointName + "-" + stage;
    }
}
