package io.sluice.starter.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice status WORKFLOW_ID}: where a run is, its gate, its result. */
@Command(name = "status", description = "Show a run: Temporal status, stage, open approval gate, result or failure.")
public final class StatusCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "WORKFLOW_ID", description = "The run's workflow id, e.g. build/credit-risk/2026-11-22.")
    String workflowId;

    @Option(names = "--run-id", paramLabel = "RUN_ID", defaultValue = "",
            description = "Show this run of the id (see `sluice history`), not the latest.")
    String runId;

    @Option(names = "--json", description = "Print the status as JSON (a stable shape for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = TemporalSession.open(config.read())) {
            RunStatus status = new RunStatusReader(session.client()).readWithAudit(workflowId, runId);
            if (json) {
                out.println(JSON.writeValueAsString(status));
            } else {
                printText(status, out);
                if (runId.isEmpty()) {
                    int earlier = new RunHistory(session.client()).earlierRuns(workflowId);
                    if (earlier > 0) {
                        out.println("runs       the latest of " + (earlier + 1) + "; `sluice history " + workflowId
                                + "` lists the " + earlier + " earlier");
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void printText(RunStatus status, PrintWriter out) throws Exception {
        out.println("workflow   " + status.workflowId() + " (" + status.type() + "), run " + status.runId());
        out.println("status     " + status.status() + (status.outcome() == null ? "" : ", outcome " + status.outcome()));
        if (status.stage() != null) {
            out.println("stage      " + status.stage() + (status.awaitingApproval() ? " (awaiting approval)" : ""));
        }
        status.activities().forEach(activity -> out.println("activity   " + activity));
        if (status.gate() != null) {
            GateSummary.print(status.gate(), out);
        }
        if (status.gate() == null && status.gateOutcome() != null) {
            GateSummary.print(status.gateOutcome(), out);
        }
        if (status.queryFailure() != null) {
            out.println((status.gateOutcome() != null ? "audit      " : "gate       unknown: ") + status.queryFailure());
        }
        if (status.failure() != null) {
            out.println("failure    " + status.failure());
        }
        if (status.result() != null) {
            out.println("result     " + JSON.writeValueAsString(status.result()).replace("\n", "\n           "));
        }
    }
}
