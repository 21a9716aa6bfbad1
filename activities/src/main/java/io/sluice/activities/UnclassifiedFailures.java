package io.sluice.activities;

import io.sluice.activities.promotion.images.RegistryException;
import io.sluice.workflows.FailureType;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an exception an activity did not classify itself becomes, so that nothing retries for ever
 * by accident: only what can pass with time is retried (no answer or a 5xx from AWS or a
 * registry, an interrupted attempt on a stopping worker, network I/O); everything else, a
 * misconfiguration such as an unknown account alias included, fails the step at once as
 * non-retryable, with its message, for a person to fix.
 */
public final class UnclassifiedFailures {
    private UnclassifiedFailures() {}

    /**
     * {@code thrown} itself when it is already a Temporal failure or Temporal's own signal that the
     * activity is cancelled or gone; otherwise its classified {@link ApplicationFailure}.
     *
     * @param activity the activity type, named in the message
     */
    public static RuntimeException classify(String activity, RuntimeException thrown) {
        if (thrown instanceof TemporalFailure || thrown instanceof ActivityCompletionException) {
            return thrown;
        }
        String said = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        if (passesWithTime(thrown)) {
            return FailureType.AWS_UNAVAILABLE.failure(activity + " failed: " + said + "; retrying", thrown);
        }
        FailureType type = thrown instanceof IllegalArgumentException ? FailureType.INVALID_INPUT : FailureType.UNEXPECTED;
        return type.failure(activity + " failed: " + said
                + " (" + thrown.getClass().getSimpleName() + "; not retried: fix the cause and run it again)", thrown);
    }

    private static boolean passesWithTime(RuntimeException thrown) {
        if (thrown instanceof SdkException sdk) {
            return sdk.retryable();
        }
        if (thrown instanceof RegistryException registry) {
            return registry.retryable();
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof IOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }
}
