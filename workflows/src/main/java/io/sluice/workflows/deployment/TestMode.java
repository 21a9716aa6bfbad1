package io.sluice.workflows.deployment;

/** Where a deployment's integration tests score the model. */
public enum TestMode {
    /** Requests to the test (and production) endpoint. */
    sagemaker,
    /** The package's {@code model.tar.gz} scored on the worker: the local stack's endpoints serve nothing. */
    local
}
