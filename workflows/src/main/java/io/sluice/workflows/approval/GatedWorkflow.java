package io.sluice.workflows.approval;

/**
 * Base of every workflow implementation with an approval gate: routes the {@link Approvable}
 * handlers to {@link #gate}. Subclasses open the gate from their workflow method and, before
 * returning, wait for {@code Workflow.isEveryHandlerFinished()}.
 */
public abstract class GatedWorkflow implements Approvable {
    protected final ApprovalGate gate = new ApprovalGate();

    @Override
    public final void approve(Decision decision) {
        gate.signal(decision, Verdict.APPROVE);
    }

    @Override
    public final void reject(Decision decision) {
        gate.signal(decision, Verdict.REJECT);
    }

    @Override
    public final DecisionReceipt decide(Decision decision) {
        return gate.decide(decision);
    }

    @Override
    public final void validateDecide(Decision decision) {
        gate.validate(decision);
    }

    @Override
    public final Canceller requestCancel(CancelRequest request) {
        return Canceller.of(request);
    }

    @Override
    public final ApprovalState approval() {
        return gate.state();
    }
}
