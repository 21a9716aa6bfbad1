package io.sluice.workflows.approval;

/** Test helper: waits (in real time, up to five seconds) until a run's gate is open. */
public final class GateWaits {
    private GateWaits() {}

    /** The open gate's state; fails the test if the gate of {@code run} does not open. */
    public static ApprovalState awaitOpen(Approvable run) {
        for (int i = 0; i < 500; i++) {
            ApprovalState state = run.approval();
            if (state.awaitsDecision()) {
                return state;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the gate did not open");
    }
}
