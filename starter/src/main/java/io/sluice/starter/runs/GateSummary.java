package io.sluice.starter.runs;

import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.AuditedDecision;
import io.sluice.workflows.approval.DecisionReceipt;
import io.sluice.workflows.approval.GateOutcome;
import java.io.PrintWriter;

/** How the CLI prints a gate. */
public final class GateSummary {
    private GateSummary() {}

    /** What the CLI says after the gate counted a decision: by whom (verified or not), and where the gate is now. */
    public static String afterDecision(String workflowId, String what, DecisionReceipt receipt) {
        String outcome = receipt.awaitsDecision()
                ? "still OPEN: " + (receipt.needed() - receipt.approvedBy().size()) + " more approval(s) needed from "
                        + receipt.approvers()
                : receipt.state().toString();
        return "recorded " + what + " by " + who(receipt.entry()) + " at gate " + receipt.gate() + " of " + workflowId + "; gate "
                + outcome;
    }

    /** Who sent {@code decision}: the person and the ARN STS verified, or the declared name marked unverified. */
    static String who(AuditedDecision decision) {
        return decision.verified()
                ? decision.actor() + " (verified: " + decision.principal() + ")"
                : decision.actor() + " (unverified)";
    }

    /** The gate's state, its approvers and every decision, for {@code sluice status}. */
    public static void print(ApprovalState gate, PrintWriter out) {
        out.println("gate       " + gate.name() + ": " + gate.state() + " (" + gate.approvedBy().size() + " of " + gate.needed()
                + " approvals; approvers " + gate.approvers() + ")");
        out.println("identity   " + (gate.identity() == io.sluice.workflows.identity.IdentityMode.PROVEN
                ? "decisions need a proof of identity" : "declared names, unverified"));
        out.println("requester  " + gate.requester()
                + (gate.requesterPrincipal().isEmpty() ? " (unverified)" : " (verified: " + gate.requesterPrincipal() + ")"));
        out.println("deadline   " + gate.deadline());
        gate.context().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> out.println("context    " + entry.getKey() + " = " + entry.getValue()));
        for (AuditedDecision decision : gate.decisions()) {
            out.println("decision   " + decision.at() + "  " + decision.decision() + " by " + who(decision)
                    + (decision.comment().isEmpty() ? "" : " \"" + decision.comment() + "\"")
                    + (decision.accepted() ? "" : "  IGNORED: " + decision.reason()));
        }
        if (gate.refusalsNotKept() > 0) {
            out.println("decision   … and " + gate.refusalsNotKept() + " more refused decision(s), counted but not kept");
        }
    }

    /** How a closed run's gate ended, for {@code sluice status}: its decisions, and how many it refused. */
    public static void print(GateOutcome gate, PrintWriter out) {
        out.println("gate       " + gate.name() + ": " + gate.state() + " (" + gate.approvedBy().size() + " approval(s))");
        out.println("requester  " + gate.requester());
        for (GateOutcome.Decided decision : gate.decided()) {
            out.println("decision   " + decision.at() + "  " + decision.verdict() + " by " + decision.by()
                    + (decision.comment().isEmpty() ? "" : " \"" + decision.comment() + "\""));
        }
        if (gate.refused() > 0) {
            out.println("decision   … and " + gate.refused() + " refused decision(s): their reasons are in the run's history");
        }
    }
}
