package io.sluice.starter.runs;

import io.sluice.starter.ExitCodes;
import java.io.PrintWriter;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.runs.SluiceWorkflowType;

/** How a waiting command reports where a run stopped, and the exit code that goes with it. */
public final class RunOutcomes {
    private RunOutcomes() {}

    /** Prints where {@code status} stands; 0 when waiting at a gate or succeeded, 1 otherwise. */
    public static int report(RunStatus status, PrintWriter out) {
        if (status.awaitingApproval() && status.gate() != null) {
            var gate = status.gate();
            out.println("waiting at gate " + gate.name() + " for " + (gate.needed() - gate.approvedBy().size())
                    + " approval(s) from " + gate.approvers() + " (expires " + gate.deadline() + ")");
            String who = gate.identity() == IdentityMode.PROVEN ? "[--profile <your AWS profile>]" : "--as <approver>";
            out.println("  approve: sluice approve " + status.workflowId() + " " + who + " [--comment TEXT]");
            out.println("  reject:  sluice reject " + status.workflowId() + " " + who + " --comment TEXT");
            return ExitCodes.OK;
        }
        if (status.status().equals("RUNNING")) {
            out.println("still running at stage " + status.stage() + "; follow it with: sluice status " + status.workflowId());
            return ExitCodes.RUN_FAILED;
        }
        if (status.status().equals("COMPLETED")) {
            out.println("ended " + status.outcome());
            boolean succeeded = SluiceWorkflowType.of(status.type()).map(type -> type.succeeded(status.outcome())).orElse(false);
            return succeeded ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
        out.println("ended " + status.status() + (status.failure() == null ? "" : ": " + status.failure()));
        return ExitCodes.RUN_FAILED;
    }
}
