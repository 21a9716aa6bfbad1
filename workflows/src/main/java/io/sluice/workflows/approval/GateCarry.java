package io.sluice.workflows.approval;

import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An open gate's whole state, carried into the next run of its workflow when the run continues as
 * new (see {@link ApprovalGate}): the next run waits at the same gate, with the same deadline, audit
 * and approvals so far, and goes on counting reminders where this one stopped.
 *
 * @param name the gate
 * @param policy who may decide and how long it waits, as read when it opened
 * @param requesterName who requested the run, as established in its first run: the person's name
 * @param requesterPrincipal what STS verified of the requester in the first run, or null when declared
 * @param openedAt when it opened (ISO-8601)
 * @param deadline when it expires (ISO-8601)
 * @param context what the approvers need to decide
 * @param decisions the audit trail so far
 * @param refusalsKept how many refused decisions the audit keeps
 * @param refusalsNotKept refused decisions counted but not kept
 * @param approvedBy who has approved so far, in order
 * @param usedNonces the proofs' nonces seen recently, with when (ISO-8601), so a proof counts once across
 *     runs too; older ones are not carried, as their proofs have expired
 * @param remindersSent how many reminders have gone out
 */
public record GateCarry(String name, GatePolicy policy, String requesterName, VerifiedPrincipal requesterPrincipal, String openedAt, String deadline,
        Map<String, String> context, List<AuditedDecision> decisions, int refusalsKept, int refusalsNotKept,
        List<String> approvedBy, Map<String, String> usedNonces, int remindersSent) {
    public GateCarry {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(requesterName, "requesterName is null");
        Objects.requireNonNull(openedAt, "openedAt is null");
        Objects.requireNonNull(deadline, "deadline is null");
        context = Map.copyOf(Objects.requireNonNull(context, "context is null"));
        decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions is null"));
        approvedBy = List.copyOf(Objects.requireNonNull(approvedBy, "approvedBy is null"));
        usedNonces = Map.copyOf(Objects.requireNonNull(usedNonces, "usedNonces is null"));
    }

    /** Who requested the run, as its first run established. */
    public Requester requester() {
        return new Requester(requesterName, requesterPrincipal);
    }
}
