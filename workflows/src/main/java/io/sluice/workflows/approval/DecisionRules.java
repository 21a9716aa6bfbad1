package io.sluice.workflows.approval;

import io.sluice.workflows.identity.PrincipalArns;
import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Optional;

/** The one place that decides whether a decision counts, in the order a gate asks. */
final class DecisionRules {
    private DecisionRules() {}

    /**
     * Why {@code decision} is no attempt on an open gate: no verdict, another gate, the gate not
     * open. The {@code decide} update's validator refuses these, cheaply and without an audit entry.
     */
    static Optional<String> notForOpenGate(ApprovalState gate, Decision decision) {
        if (decision.verdict() == Verdict.UNSPECIFIED) {
            return Optional.of("the decision says neither APPROVE nor REJECT");
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
        return Optional.empty();
    }

    /** Why {@code decision} must not count where names are declared, or empty if it counts. */
    static Optional<String> declaredRefusal(ApprovalState gate, Decision decision) {
        var notForGate = notForOpenGate(gate, decision);
        if (notForGate.isPresent()) {
            return notForGate;
        }
        if (decision.actor().isEmpty()) {
            return Optional.of("the decision names no actor; expected who decides");
        }
        if (!gate.approvers().contains(decision.actor())) {
            return Optional.of("'" + decision.actor() + "' is not an approver of gate '" + gate.name() + "'; approvers are "
                    + gate.approvers());
        }
        return personRefusal(gate, decision, decision.actor());
    }

    /** Why {@code decision}, sent by {@code principal} as STS verified, must not count; empty if it counts. */
    static Optional<String> provenRefusal(ApprovalState gate, Decision decision, VerifiedPrincipal principal) {
        var notForGate = notForOpenGate(gate, decision);
        if (notForGate.isPresent()) {
            return notForGate;
        }
        if (gate.approvers().stream().noneMatch(pattern -> PrincipalArns.matches(pattern, principal.arn()))) {
            return Optional.of(principal.arn() + " is not an approver of gate '" + gate.name() + "'; approvers match "
                    + gate.approvers());
        }
        if (decision.verdict() == Verdict.APPROVE && !gate.allowSelfApproval() && gate.requesterPrincipal().isEmpty()) {
            return Optional.of("the run's requester '" + gate.requester() + "' is not verified (the run was started without a"
                    + " proof of identity), so gate '" + gate.name() + "' cannot tell you from the requester; start runs with"
                    + " sluice, which proves who requests them");
        }
        return personRefusal(gate, decision, principal.person());
    }

    /** A rejection needs a reason; checked before any proof is verified. */
    static Optional<String> missingComment(Decision decision) {
        return decision.verdict() == Verdict.REJECT && decision.comment().isEmpty()
                ? Optional.of("a rejection needs a comment saying why")
                : Optional.empty();
    }

    private static Optional<String> personRefusal(ApprovalState gate, Decision decision, String person) {
        if (decision.verdict() == Verdict.APPROVE && !gate.allowSelfApproval() && person.equalsIgnoreCase(gate.requester())) {
            return Optional.of("'" + person + "' requested this run and may not approve it; another approver must");
        }
        if (decision.verdict() == Verdict.APPROVE && gate.approvedBy().stream().anyMatch(person::equalsIgnoreCase)) {
            return Optional.of("'" + person + "' has already approved; gate '" + gate.name() + "' needs "
                    + gate.needed() + " different approvers");
        }
        return missingComment(decision);
    }
}
