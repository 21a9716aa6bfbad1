package io.sluice.workflows.deployment;

/**
 * One stage of {@code deploy.yaml} ({@code test:} or {@code prod:}).
 *
 * @param account the stage's account alias (default: the stage's name)
 * @param executionRoleArn the role the model runs as in that account (required)
 * @param instanceType default ml.m5.large
 * @param instanceCount default 1
 * @param kmsKey KMS key for the endpoint's volume, or empty
 * @param dataCaptureDestination S3 URI for captured requests and responses, or empty
 */
public record StageSpec(String account, String executionRoleArn, String instanceType, Integer instanceCount, String kmsKey,
        String dataCaptureDestination) {
    public StageSpec {
        account = account == null ? "" : account.strip();
        executionRoleArn = executionRoleArn == null ? "" : executionRoleArn.strip();
        instanceType = instanceType == null ? "ml.m5.large" : instanceType.strip();
        instanceCount = instanceCount == null ? 1 : instanceCount;
        kmsKey = kmsKey == null ? "" : kmsKey.strip();
        dataCaptureDestination = dataCaptureDestination == null ? "" : dataCaptureDestination.strip();
    }

    /** Checks every value, naming the field ({@code <stage>.…}) that is wrong. */
    public void validate(String stage) {
        if (!executionRoleArn.matches("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]+")) {
            throw new IllegalArgumentException(stage + ".executionRoleArn " + (executionRoleArn.isEmpty() ? "is missing" : "'"
                    + executionRoleArn + "' is not an IAM role ARN") + "; expected arn:aws:iam::<account>:role/<name>");
        }
        if (!instanceType.matches("ml\\.[a-z0-9]+\\.[a-z0-9]+")) {
            throw new IllegalArgumentException(stage + ".instanceType '" + instanceType
                    + "' is not a SageMaker instance type; expected e.g. ml.m5.large");
        }
        if (instanceCount < 1 || instanceCount > 100) {
            throw new IllegalArgumentException(stage + ".instanceCount is " + instanceCount + "; expected 1 to 100");
        }
        if (!dataCaptureDestination.isEmpty() && !dataCaptureDestination.startsWith("s3://")) {
            throw new IllegalArgumentException(stage + ".dataCaptureDestination '" + dataCaptureDestination + "' is not an S3 URI");
        }
    }

    StageSpec withDefaultAccount(String stage) {
        return account.isEmpty() ? new StageSpec(stage, executionRoleArn, instanceType, instanceCount, kmsKey, dataCaptureDestination)
                : this;
    }
}
