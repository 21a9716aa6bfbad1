package io.sluice.starter.approvals;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code approve} and {@code reject} share: the run, the actor, the gate. */
public final class DecisionOptions {
    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The run whose gate to decide, e.g. build/credit-risk/2026-11-22.")
    String workflowId;

    @Option(names = "--as", required = true, paramLabel = "ACTOR", description = "Who decides, as the gate's approvers list names them.")
    String actor;

    @Option(names = "--gate", paramLabel = "GATE", defaultValue = "",
            description = "The gate the decision is for; refused if another gate is open (default: whichever is open).")
    String gate;
}
