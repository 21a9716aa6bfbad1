package io.sluice.workflows.approval;

import io.sluice.workflows.identity.IdentityProof;

/**
 * An approver's decision, as the {@code approve}/{@code reject} signals and the {@code decide}
 * update carry it. Missing values become empty rather than failing, so a malformed signal is
 * audited and ignored by the gate instead of breaking the workflow.
 *
 * @param actor who says they decide (an email address or user name); what counts where the gate
 *     requires proof is the principal the proof verifies to
 * @param comment why; required for a rejection
 * @param gate the gate the decision is meant for, or empty for whichever gate is open
 * @param verdict approve or reject; the signals set it from their name
 * @param proof the signed {@code sts:GetCallerIdentity} bound to this decision, or null (the Web
 *     UI's "Send Signal", the {@code temporal} CLI, clients from before proofs)
 */
public record Decision(String actor, String comment, String gate, Verdict verdict, IdentityProof proof) {
    public Decision {
        actor = actor == null ? "" : actor.strip();
        comment = comment == null ? "" : comment.strip();
        gate = gate == null ? "" : gate.strip();
        verdict = verdict == null ? Verdict.UNSPECIFIED : verdict;
    }

    /** A decision without proof of identity. */
    public Decision(String actor, String comment, String gate, Verdict verdict) {
        this(actor, comment, gate, verdict, null);
    }

    public static Decision approve(String actor, String comment) {
        return new Decision(actor, comment, "", Verdict.APPROVE);
    }

    public static Decision reject(String actor, String comment) {
        return new Decision(actor, comment, "", Verdict.REJECT);
    }

    /** This decision for the gate named {@code gateName}. */
    public Decision forGate(String gateName) {
        return new Decision(actor, comment, gateName, verdict, proof);
    }

    /** This decision carrying {@code identityProof}. */
    public Decision withProof(IdentityProof identityProof) {
        return new Decision(actor, comment, gate, verdict, identityProof);
    }

    Decision withVerdict(Verdict newVerdict) {
        return new Decision(actor, comment, gate, newVerdict, proof);
    }
}
