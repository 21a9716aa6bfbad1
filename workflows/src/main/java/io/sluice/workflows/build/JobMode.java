package io.sluice.workflows.build;

/** Where processing and training run. */
public enum JobMode {
    /** As SageMaker processing and training jobs. */
    sagemaker,
    /** On the worker itself, like SageMaker local mode: the flow's transforms on CSV, and XGBoost. */
    local
}
