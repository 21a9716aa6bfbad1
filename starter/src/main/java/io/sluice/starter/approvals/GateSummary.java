package io.sluice.starter.approvals;

import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.AuditedDecision;
import java.io.PrintWriter;

/** How the CLI prints a gate. */
public final class GateSummary {
    private GateSummary() {}

    static String afterDecision(String workflowId, String actor, String what, ApprovalState state) {
        String outcome = state.awaitsDecision()
                ? "still OPEN: " + (state.needed() - state.approvedBy().size()) + " more approval(s) needed from " + state.approvers()
                : state.state().toString();
        return "recorded " + what + " by " + actor + " at gate " + state.name() + " of " + workflowId + "; gate " + outcome;
    }

    /** The gate's state, its approvers and every decision, for {@code sluice status}. */
    public static void print(ApprovalState gate, PrintWriter out) {
        out.println("gate       " + gate.name() + ": " + gate.state() + " (" + gate.approvedBy().size() + " of " + gate.needed()
                + " approvals; approvers " + gate.approvers() + ")");
        out.println("requester  " + gate.requester());
        out.println("deadline   " + gate.deadline());
        gate.context().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> out.println("context    " + entry.getKey() + " = " + entry.getValue()));
        for (AuditedDecision decision : gate.decisions()) {
            out.println("decision   " + decision.at() + "  " + decision.decision() + " by " + decision.actor()
                    + (decision.comment().isEmpty() ? "" : " \"" + decision.comment() + "\"")
                    + (decision.accepted() ? "" : "  IGNORED: " + decision.reason()));
        }
    }
}
