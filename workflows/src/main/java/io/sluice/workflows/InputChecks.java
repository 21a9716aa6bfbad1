package io.sluice.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/** The one check of a run's input in workflow code, in its first step. */
public final class InputChecks {
    /**
     * Change id: the run checks its input once, in its first step, and the outcome is recorded; the
     * input's constructors check nothing more than nulls. Runs started before checked it in the
     * constructors.
     */
    public static final String CHECK_INPUT_ONCE = "check-input-once";

    private InputChecks() {}

    /**
     * Validates {@code input} once per run, recording the outcome in the history (a side effect),
     * so a check made stricter by a later release does not change what a replay of this run sees.
     *
     * @throws ApplicationFailure {@code sluice.InvalidInput}, not retried, naming the field
     */
    public static void checkOnce(Validated input) {
        if (Workflow.getVersion(CHECK_INPUT_ONCE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        String problem = Workflow.sideEffect(String.class, () -> {
            try {
                input.validate();
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        if (!problem.isEmpty()) {
            Workflow.setCurrentDetails("Refused: " + problem);
            throw FailureType.INVALID_INPUT.failure("invalid input: " + problem);
        }
    }
}
