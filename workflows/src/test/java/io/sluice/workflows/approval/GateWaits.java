package io.sluice.workflows.approval;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;

/**
 * Test helper: waits until a run's gate is open, in the test server's time. That time moves only
 * when no workflow or activity task is in progress, so each step returns once the run has done
 * all it can; no wall clock is read or slept on.
 */
public final class GateWaits {
    /** More idle steps than any test run takes before its gate opens. */
    private static final int MAX_STEPS = 100;
    private static final Duration STEP = Duration.ofMillis(1);

    private GateWaits() {}

    /** The open gate's state; fails the test if the gate of {@code run} does not open. */
    public static ApprovalState awaitOpen(TestWorkflowEnvironment environment, Approvable run) {
        for (int step = 0; step < MAX_STEPS; step++) {
            ApprovalState state = run.approval();
            if (state.awaitsDecision()) {
                return state;
            }
            environment.sleep(STEP);
        }
        throw new AssertionError("the gate did not open within " + MAX_STEPS + " idle steps of the test server");
    }
}
