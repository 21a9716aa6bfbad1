package io.sluice.workflows.approval;

import io.sluice.workflows.identity.IdentityMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole state of a run's approval gate: what the {@code approval} query returns and what
 * {@code sluice status} shows. A run's result keeps only its {@link GateOutcome}.
 *
 * @param name the gate, e.g. {@code model-approval}; empty before it opens
 * @param state where it is
 * @param approvers who may decide
 * @param needed how many different approvals it needs
 * @param allowSelfApproval whether the requester may approve
 * @param requester who requested the run: the verified person, or the declared name
 * @param openedAt when it opened (ISO-8601), empty before
 * @param deadline when it expires (ISO-8601), empty before it opens
 * @param context what an approver needs to decide: metrics, reports, links
 * @param approvedBy who has approved so far, in order
 * @param decisions every decision received, accepted or ignored, in order
 * @param identity whether decisions need a proof of identity (DECLARED: every name is unverified)
 * @param requesterPrincipal the requester's ARN as STS verified it at the run's start; empty when unverified
 * @param refusalsNotKept refused decisions counted but not kept in {@code decisions}, those past the audit's
 *     limit (and, in results recorded before {@link GateOutcome}, every refused one)
 */
public record ApprovalState(
        String name,
        GateState state,
        List<String> approvers,
        int needed,
        boolean allowSelfApproval,
        String requester,
        String openedAt,
        String deadline,
        Map<String, String> context,
        List<String> approvedBy,
        List<AuditedDecision> decisions,
        IdentityMode identity,
        String requesterPrincipal,
        int refusalsNotKept) {
    public ApprovalState {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(state, "state is null");
        approvers = List.copyOf(Objects.requireNonNull(approvers, "approvers is null"));
        Objects.requireNonNull(requester, "requester is null");
        Objects.requireNonNull(openedAt, "openedAt is null");
        Objects.requireNonNull(deadline, "deadline is null");
        context = Map.copyOf(Objects.requireNonNull(context, "context is null"));
        approvedBy = List.copyOf(Objects.requireNonNull(approvedBy, "approvedBy is null"));
        decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions is null"));
        identity = identity == null ? IdentityMode.DECLARED : identity;
        requesterPrincipal = requesterPrincipal == null ? "" : requesterPrincipal;
    }

    /** A gate's state as recorded before refusals were counted past a limit. */
    public ApprovalState(String name, GateState state, List<String> approvers, int needed, boolean allowSelfApproval,
            String requester, String openedAt, String deadline, Map<String, String> context, List<String> approvedBy,
            List<AuditedDecision> decisions, IdentityMode identity, String requesterPrincipal) {
        this(name, state, approvers, needed, allowSelfApproval, requester, openedAt, deadline, context, approvedBy, decisions,
                identity, requesterPrincipal, 0);
    }

    /** The state of a gate that has not opened yet, with the decisions it has ignored so far. */
    static ApprovalState notOpened(List<AuditedDecision> decisions, int refusalsNotKept) {
        return new ApprovalState("", GateState.NOT_OPENED, List.of(), 0, false, "", "", "", Map.of(), List.of(), decisions,
                IdentityMode.DECLARED, "", refusalsNotKept);
    }

    /** How the gate stands, as a run's result keeps it. */
    public GateOutcome outcome() {
        return GateOutcome.of(this);
    }

    /** The approvals that counted, in order. */
    public List<AuditedDecision> acceptedApprovals() {
        return decisions.stream().filter(d -> d.accepted() && d.decision() == Verdict.APPROVE).toList();
    }

    public boolean awaitsDecision() {
        return state == GateState.OPEN;
    }
}
