package io.sluice.starter.runs;

import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/** How the CLI reads why a run refused an update. */
public final class UpdateRefusals {
    private UpdateRefusals() {}

    /** The message of the failure the update handler or validator threw, else the exception's own. */
    public static String reason(WorkflowUpdateException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof ApplicationFailure failure) {
                return failure.getOriginalMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage();
    }
}
