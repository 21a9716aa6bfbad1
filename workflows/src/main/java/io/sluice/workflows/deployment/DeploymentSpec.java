package io.sluice.workflows.deployment;

import io.sluice.workflows.Validated;

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
        IntegrationTestSpec integrationTests, Boolean removeTestStackOnFailure) implements Validated {
    public DeploymentSpec {
        endpointName = endpointName == null ? "" : endpointName.strip();
        sharedAccount = sharedAccount == null ? "shared" : sharedAccount.strip();
        modelSource = modelSource == null ? "package" : modelSource.strip();
        test = test == null ? null : test.withDefaultAccount("test");
        prod = prod == null ? null : prod.withDefaultAccount("prod");
        removeTestStackOnFailure = removeTestStackOnFailure != null && removeTestStackOnFailure;
    }

    @Override
    public void validate() {
        if (!endpointName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,50}")) {
            throw new IllegalArgumentException("endpointName " + (endpointName.isEmpty() ? "is missing" : "'" + endpointName + "' is not valid")
                    + "; expected letters, digits and single hyphens, at most 51 characters (the stack adds a stage)");
        }
        if (!modelSource.equals("package") && !modelSource.equals("image")) {
            throw new IllegalArgumentException("modelSource '" + modelSource + "' is not known; expected package or image");
        }
        if (test == null || prod == null) {
            throw new IllegalArgumentException((test == null ? "test" : "prod") + " is missing; expected the stage's "
                    + "executionRoleArn (and optionally account, instanceType, instanceCount)");
        }
        test.validate("test");
        prod.validate("prod");
        if (integrationTests == null) {
            throw new IllegalArgumentException("integrationTests is missing; expected payloads or a testSetUri to judge the test endpoint");
        }
        integrationTests.validate();
    }

    public String stackName(String stage) {
        return "sluice-" + endpointName + "-" + stage;
    }
}
