package io.sluice.workflows.approval;

import io.sluice.workflows.identity.IdentityMode;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code decide} update answers: where the gate is now, its counts, and the caller's own
 * audit entry. The whole audit trail stays with the {@code approval} query, so an answer stays
 * small however many decisions a long-open gate has received.
 *
 * @param gate the gate's name
 * @param state where it is now: OPEN while more approvals are needed, else how it closed
 * @param needed how many different approvals it needs
 * @param approvedBy who has approved so far, in order
 * @param approvers who may decide
 * @param identity whether decisions need a proof of identity
 * @param entry the decision just counted, as the audit keeps it
 */
public record DecisionReceipt(String gate, GateState state, int needed, List<String> approvedBy, List<String> approvers,
        IdentityMode identity, AuditedDecision entry) {
    public DecisionReceipt {
        Objects.requireNonNull(gate, "gate is null");
        Objects.requireNonNull(state, "state is null");
        approvedBy = List.copyOf(Objects.requireNonNull(approvedBy, "approvedBy is null"));
        approvers = List.copyOf(Objects.requireNonNull(approvers, "approvers is null"));
        identity = identity == null ? IdentityMode.DECLARED : identity;
        Objects.requireNonNull(entry, "entry is null");
    }

    public boolean awaitsDecision() {
        return state == GateState.OPEN;
    }
}
