package io.sluice.activities.aws;

import io.sluice.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/** The failure raised when something Sluice started in AWS (a job, an execution, a stack) ends badly. */
public final class JobFailures {
    private JobFailures() {}

    /** Non-retryable {@code sluice.AwsJobFailed}: "{@code what} ended {@code status}: {@code reason}". */
    public static ApplicationFailure failed(String what, String status, String reason) {
        return FailureType.AWS_JOB_FAILED.failure(what + " ended " + status + ": "
                + (reason == null || reason.isBlank() ? "no reason given" : reason));
    }
}
