package io.sluice.starter.approvals;

import io.sluice.starter.ConfigOption;
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
        return decision.send(config, Verdict.APPROVE, comment, spec.commandLine().getOut());
    }
}
