package io.sluice.starter.runs;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}: what commands that start a run share. */
public final class StartOptions {
    @Option(names = "--wait", description = "Wait until the run reaches its approval gate or ends.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Prints the workflow id; with {@code --wait} follows the run and reports where it stopped. Returns the exit code. */
    public int follow(RunStarter.Started started, RunStatusReader reader, PrintWriter out) {
        out.println(started.workflowId() + (started.alreadyStarted() ? " (" + started.existing() + "; nothing new was started)" : ""));
        out.flush();
        if (!await) {
            return 0;
        }
        Thread interrupted = new Thread(() -> {
            out.println("interrupted: only the waiting stopped; the run continues. Follow it with `sluice status "
                    + started.workflowId() + "`");
            out.flush();
        }, "sluice-wait-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        RunStatus status;
        try {
            status = new RunWaiter(reader).awaitGateOrClose(started.workflowId(), timeout, stage -> {
                out.println("stage " + (stage.stage() == null ? "queued" : stage.stage()));
                out.flush();
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs and says so.
            }
        }
        return RunOutcomes.report(status, out);
    }
}
