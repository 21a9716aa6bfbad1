package io.sluice.starter.approvals;

import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.Verdict;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice approve WORKFLOW_ID --as ACTOR}. */
@Command(name = "approve", description = {"Approve a run's open gate.",
        "Exits 3 with the gate's reason when it refuses: not an approver, the requester's own run, gate not open."})
public final class ApproveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    DecisionOptions decision;

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "Why (kept in the audit trail).")
    String comment;

    @Override
    public Integer call() {
        try (var session = TemporalSession.open(config.read())) {
            ApprovalState state = new GateDecisions(session.client()).send(decision.workflowId,
                    new Decision(decision.actor, comment, decision.gate, Verdict.APPROVE));
            spec.commandLine().getOut().println(GateSummary.afterDecision(decision.workflowId, decision.actor, "approval", state));
        }
        return ExitCodes.OK;
    }
}
