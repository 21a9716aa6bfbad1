package io.sluice.workflows.approval;

import java.util.List;
import java.util.Objects;

/**
 * How a run's gate ended, as the run's result keeps it: a reference to the decision, not its
 * evidence. The whole audit (approvers, context, refused decisions with their reasons, proofs)
 * stays in the run's history, where the {@code approval} query answers it.
 *
 * @param name the gate, e.g. {@code model-approval}; empty when the run ended before it opened
 * @param state where it ended
 * @param requester who requested the run: the ARN STS verified, or {@code unverified:<declared name>}
 * @param decided the decisions that counted, in order
 * @param refused how many decisions the gate refused or ignored
 */
public record GateOutcome(String name, GateState state, String requester, List<Decided> decided, int refused) {
    public GateOutcome {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(requester, "requester is null");
        decided = List.copyOf(Objects.requireNonNull(decided, "decided is null"));
    }

    /**
     * A decision that counted.
     *
     * @param verdict APPROVE or REJECT
     * @param by who decided: the ARN STS verified, or {@code unverified:<declared name>}
     * @param at when the gate received it (ISO-8601, workflow time)
     * @param comment the comment sent with it
     */
    public record Decided(Verdict verdict, String by, String at, String comment) {
        public Decided {
            Objects.requireNonNull(verdict, "verdict is null");
            Objects.requireNonNull(by, "by is null");
            Objects.requireNonNull(at, "at is null");
            Objects.requireNonNull(comment, "comment is null");
        }
    }

    /** The outcome of {@code gate} as it stands. */
    public static GateOutcome of(ApprovalState gate) {
        List<Decided> decided = gate.decisions().stream().filter(AuditedDecision::accepted)
                .map(decision -> new Decided(decision.decision(), decision.approverRecord(), decision.at(), decision.comment()))
                .toList();
        String requester = gate.requesterPrincipal().isEmpty() ? "unverified:" + gate.requester() : gate.requesterPrincipal();
        return new GateOutcome(gate.name(), gate.state(), gate.requester().isEmpty() ? "" : requester, decided,
                gate.refusalsNotKept() + gate.decisions().size() - decided.size());
    }

    /** Who approved, in order: verified ARNs, or {@code unverified:<declared name>}. */
    public List<String> approvedBy() {
        return decided.stream().filter(decision -> decision.verdict() == Verdict.APPROVE).map(Decided::by).toList();
    }
}
