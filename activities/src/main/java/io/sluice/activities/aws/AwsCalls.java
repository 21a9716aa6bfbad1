package io.sluice.activities.aws;

import io.temporal.activity.Activity;
import java.util.Optional;
import java.util.function.Predicate;
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

    /**
     * {@code create}'s result, or empty when {@code exists} says the error AWS answered means the
     * resource is there already (made by an earlier attempt or run: the caller reads or compares it);
     * any other error becomes {@link AwsFailures#classify}'s failure. The one way Sluice creates a
     * resource idempotently.
     */
    public static <T> Optional<T> createUnlessExists(AwsOperation operation, Supplier<T> create, Predicate<SdkException> exists) {
        try {
            return Optional.of(create.get());
        } catch (SdkException e) {
            if (exists.test(e)) {
                return Optional.empty();
            }
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
