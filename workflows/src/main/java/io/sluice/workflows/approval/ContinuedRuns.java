package io.sluice.workflows.approval;

import io.sluice.workflows.FailureType;
import io.sluice.workflows.SluiceMemo;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Where a run resumes when an earlier run of its workflow continued as new at its gate. Only the
 * workflow itself can continue a run, so the state an input carries is trusted only in a run that
 * continued from another: not in a new run, and not in a cron or retry run (which the server also
 * links to the run before), whose input whoever started the first run chose.
 */
public final class ContinuedRuns {
    private ContinuedRuns() {}

    /**
     * {@code atGate} when this run continued as new from an earlier one; null when the input carries none.
     *
     * @param field the input's field, named in the refusal
     * @throws ApplicationFailure {@code sluice.InvalidInput} when a run that did not continue from another carries one
     */
    public static <T> T atGate(T atGate, String field) {
        var info = Workflow.getInfo();
        boolean continued = info.getContinuedExecutionRunId().isPresent()
                && (info.getCronSchedule() == null || info.getCronSchedule().isEmpty()) && info.getAttempt() <= 1;
        if (atGate != null && !continued) {
            throw FailureType.INVALID_INPUT.failure("invalid input: " + field + " is set, but this run did not continue as new"
                    + " from an earlier one; only a run waiting at its gate sets it: start the run without " + field);
        }
        return atGate;
    }

    /**
     * Continues this run as new with {@code input}, keeping its search attributes and the digest of
     * what was asked for (memo {@link SluiceMemo#INPUT_DIGEST}), which not every server carries over
     * by itself. Does not return.
     */
    public static void continueAsNew(Object input) {
        var options = ContinueAsNewOptions.newBuilder().setTypedSearchAttributes(Workflow.getTypedSearchAttributes());
        String digest = Workflow.getMemo(SluiceMemo.INPUT_DIGEST, String.class, String.class);
        if (digest != null) {
            options.setMemo(Map.of(SluiceMemo.INPUT_DIGEST, digest));
        }
        Workflow.continueAsNew(options.build(), input);
    }
}
