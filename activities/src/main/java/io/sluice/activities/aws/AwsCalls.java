package io.sluice.activities.aws;

import io.temporal.activity.Activity;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one AWS call and turns its failure into the classified {@code ApplicationFailure}. */
public final class AwsCalls {
    private AwsCalls() {}

    /** {@code call}'s result; an AWS error becomes {@link AwsFailures#classify}'s failure. */
    public static <T> T call(AwsOperation operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsFailures.classify(e, operation, attempt());
        }
    }

    /** The run of the workflow whose activity is running; empty outside an activity. */
    public static String runId() {
        try {
            return Activity.getExecutionContext().getInfo().getRunId();
        } catch (IllegalStateException e) {
            return "";
        }
    }

    /** The current activity attempt (1 for the first), or 1 outside an activity. */
    public static int attempt() {
        try {
            return Activity.getExecutionContext().getInfo().getAttempt();
        } catch (IllegalStateException e) {
            return 1;
        }
    }
}
