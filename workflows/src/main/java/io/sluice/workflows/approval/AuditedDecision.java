package io.sluice.workflows.approval;

import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * A decision as the gate's audit trail keeps it, accepted or not.
 *
 * @param actor who decided: the verified person (session or user name) when proven, else the name
 *     the decision declared
 * @param decision APPROVE, REJECT or UNSPECIFIED
 * @param comment the comment sent with it
 * @param at when the gate received it (ISO-8601, workflow time)
 * @param accepted whether it counted
 * @param reason why it was ignored or refused; empty when accepted
 * @param gate the gate it was meant for (empty: whichever was open)
 * @param verified whether STS proved who sent it; false for a declared name
 * @param principal the ARN STS answered with; empty when not verified
 * @param account the principal's account; empty when not verified
 * @param verifiedAt when STS answered (ISO-8601); empty when not verified
 */
public record AuditedDecision(
        String actor, Verdict decision, String comment, String at, boolean accepted, String reason, String gate,
        boolean verified, String principal, String account, String verifiedAt) {
    public AuditedDecision {
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(decision, "decision is null");
        Objects.requireNonNull(comment, "comment is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(gate, "gate is null");
        principal = principal == null ? "" : principal;
        account = account == null ? "" : account;
        verifiedAt = verifiedAt == null ? "" : verifiedAt;
    }

    /**
     * Who approved, as records outside the gate keep it (package tags, {@code sluice history}): the
     * verified ARN, or {@code unverified:<declared name>}.
     */
    public String approverRecord() {
        return verified ? principal : "unverified:" + actor;
    }

    /** {@code decision} as audited without a verified principal. */
    static AuditedDecision unverified(Decision decision, String at, String refusal) {
        return new AuditedDecision(decision.actor(), decision.verdict(), decision.comment(), at, refusal.isEmpty(), refusal,
                decision.gate(), false, "", "", "");
    }

    /** {@code decision} as audited from {@code principal}, whom STS verified. */
    static AuditedDecision verified(Decision decision, VerifiedPrincipal principal, String at, String refusal) {
        return new AuditedDecision(principal.person(), decision.verdict(), decision.comment(), at, refusal.isEmpty(), refusal,
                decision.gate(), true, principal.arn(), principal.account(), principal.verifiedAt());
    }
}
