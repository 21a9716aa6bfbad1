package io.sluice.workflows.approval;

/**
 * How a workflow goes on in a new run while its gate is open: it calls {@code Workflow.continueAsNew}
 * with an input that carries {@code gate} and what the run did before the gate, so the next run
 * resumes there. It does not return.
 */
@FunctionalInterface
public interface GateContinuation {
    void continueAsNew(GateCarry gate);
}
