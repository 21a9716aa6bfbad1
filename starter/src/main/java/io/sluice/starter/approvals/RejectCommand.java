package io.sluice.starter.approvals;

import io.sluice.starter.ConfigOption;
import io.sluice.workflows.approval.Verdict;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice reject WORKFLOW_ID --as ACTOR --comment TEXT}. */
@Command(name = "reject", description = {"Reject a run's open gate; the run ends rejected.",
        "Exits 3 with the gate's reason when it refuses."})
public final class RejectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    DecisionOptions decision;

    @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (required; kept in the audit trail).")
    String comment;

    @Override
    public Integer call() {
        return decision.send(config, Verdict.REJECT, comment, spec.commandLine().getOut());
    }
}
