package io.sluice.workflows.deployment;

import java.util.Objects;

/**
 * Input of DeployModel.
 *
 * @param modelPackageArn the approved package in shared services
 * @param spec where and how to deploy
 * @param requester who asked for the deployment (may not approve it)
 */
public record DeployRequest(String modelPackageArn, DeploymentSpec spec, String requester) {
    public DeployRequest {
        if (modelPackageArn == null || !modelPackageArn.matches("arn:aws(?:-[a-z]+)*:sagemaker:[a-z0-9-]+:\\d{12}:model-package/.+")) {
            throw new IllegalArgumentException("modelPackageArn '" + modelPackageArn
                    + "' is not a model package ARN; expected arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
        }
        Objects.requireNonNull(spec, "spec is null");
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the deployment");
        }
    }
}
