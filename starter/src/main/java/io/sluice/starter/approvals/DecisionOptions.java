package io.sluice.starter.approvals;

import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.GateSummary;
import io.sluice.starter.identity.IdentityOptions;
import io.sluice.workflows.approval.DecisionReceipt;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.Verdict;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code approve} and {@code reject} share: the run, who decides, the gate. */
public final class DecisionOptions {
    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The run whose gate to decide, e.g. build/credit-risk/2026-11-22.")
    String workflowId;

    @Option(names = "--as", paramLabel = "ACTOR", defaultValue = "",
            description = "Who decides, where the gate takes declared names (approvals.identity: declared); where it"
                    + " requires proof, your AWS credentials say who you are and this is only noted.")
    String actor;

    @Mixin
    IdentityOptions identity;

    @Option(names = "--gate", paramLabel = "GATE", defaultValue = "",
            description = "The gate the decision is for; refused if another gate is open (default: whichever is open).")
    String gate;

    /** Sends the decision through the gate's validated update and prints what the gate now says. */
    int send(ConfigOption config, Verdict verdict, String comment, PrintWriter out) {
        var settings = config.read();
        try (var session = TemporalSession.open(settings)) {
            DecisionReceipt state = new GateDecisions(session.client()).send(workflowId, new Decision(actor, comment, gate, verdict),
                    identity.prover(settings, config.path()));
            out.println(GateSummary.afterDecision(workflowId, verdict == Verdict.APPROVE ? "approval" : "rejection", state));
        }
        return ExitCodes.OK;
    }
}
