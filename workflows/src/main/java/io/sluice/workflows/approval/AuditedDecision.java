package io.sluice.workflows.approval;

import java.util.Objects;

/**
 * A decision as the gate's audit trail keeps it, accepted or not.
 *
 * @param actor who sent it
 * @param decision APPROVE, REJECT or UNSPECIFIED
 * @param comment the comment sent with it
 * @param at when the gate received it (ISO-8601, workflow time)
 * @param accepted whether it counted
 * @param reason why it was ignored or refused; empty when accepted
 * @param gate the gate it was meant for (empty: whichever was open)
 */
public record AuditedDecision(
        String actor, Verdict decision, String comment, String at, boolean accepted, String reason, String gate) {
    public AuditedDecision {
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(decision, "decision is null");
        Objects.requireNonNull(comment, "comment is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(gate, "gate is null");
    }
}
