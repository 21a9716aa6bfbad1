package io.sluice.workflows.approval;

import java.util.Optional;

/**
 * The one place that decides whether a decision counts. Today the actor is a plain name; proving
 * who the actor is (AWS IAM, say) replaces this class and nothing else.
 */
final class DecisionRules {
    private DecisionRules() {}

    /** Why {@code decision} must not count against {@code gate}, or empty if it counts. */
    static Optional<String> refusal(ApprovalState gate, Decision decision) {
        if (decision.verdict() == Verdict.UNSPECIFIED) {
            return Optional.of("the decision says neither APPROVE nor REJECT");
        }
        if (decision.actor().isEmpty()) {
            return Optional.of("the decision names no actor; expected who decides");
        }
        if (!decision.gate().isEmpty() && !decision.gate().equals(gate.name())) {
            return Optional.of(gate.awaitsDecision()
                    ? "the decision is for gate '" + decision.gate() + "', but the open gate is '" + gate.name() + "'"
                    : "gate '" + decision.gate() + "' is not open");
        }
        if (!gate.awaitsDecision()) {
            return Optional.of(gate.state() == GateState.NOT_OPENED
                    ? "no approval gate is open yet"
                    : "gate '" + gate.name() + "' is closed (" + gate.state() + ")");
        }
        if (!gate.approvers().contains(decision.actor())) {
            return Optional.of("'" + decision.actor() + "' is not an approver of gate '" + gate.name() + "'; approvers are "
                    + gate.approvers());
        }
        if (decision.verdict() == Verdict.APPROVE && !gate.allowSelfApproval()
                && decision.actor().equals(gate.requester())) {
            return Optional.of("'" + decision.actor() + "' requested this run and may not approve it; another approver must");
        }
        if (decision.verdict() == Verdict.APPROVE && gate.approvedBy().contains(decision.actor())) {
            return Optional.of("'" + decision.actor() + "' has already approved; gate '" + gate.name() + "' needs "
                    + gate.needed() + " different approvers");
        }
        if (decision.verdict() == Verdict.REJECT && decision.comment().isEmpty()) {
            return Optional.of("a rejection needs a comment saying why");
        }
        return Optional.empty();
    }
}
