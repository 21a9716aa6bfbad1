package io.sluice.workflows.approval;

/**
 * How a workflow goes on in a new run while its gate is open: the input of that run, carrying
 * {@code gate} and what the run did before the gate, so the next run resumes there. The gate
 * continues as new with it ({@link ContinuedRuns#continueAsNew}).
 */
@FunctionalInterface
public interface GateContinuation {
    Object nextInput(GateCarry gate);
}
