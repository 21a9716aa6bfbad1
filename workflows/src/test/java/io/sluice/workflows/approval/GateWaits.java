package io.sluice.workflows.approval;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;

/**
 * Test helper: waits until a run's gate is open, in the test server's time. Each step is a
 * millisecond of that time: when the run is idle the server skips it at once, so a step returns
 * as soon as the run has done all it can; while a task runs the server's clock follows the wall
 * clock, so the step budget bounds the wait at about ten seconds of real time.
 */
public final class GateWaits {
    /** Far more steps than any test run takes before its gate opens. */
    private static final int MAX_STEPS = 10_000;
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
        throw new AssertionError("the gate did not open within " + MAX_STEPS + " steps of the test server's clock");
    }
}
