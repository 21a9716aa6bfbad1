package io.sluice.starter.runs;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.Requester;
import io.sluice.starter.TemporalSession;
import io.sluice.workflows.identity.IdentityProof;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the commands that start a run share: the config ({@code --config}), who asks ({@code --as},
 * {@code --profile}), {@code --wait} and {@code --timeout}, and starting the run and following it.
 */
public final class StartOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    ConfigOption config;

    @Mixin
    Requester requester;

    @Option(names = "--wait", description = "Wait until the run reaches its approval gate or ends.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    private SluiceConfig settings;

    /** The config file, read once. */
    public SluiceConfig config() {
        if (settings == null) {
            settings = config.read();
        }
        return settings;
    }

    /** Who asks for the run, as declared. */
    public String requester() {
        return requester.name();
    }

    /** The requester's proof of identity bound to the start of {@code workflowId}, or null where gates take declared names. */
    public IdentityProof requesterProof(String workflowId) {
        return requester.proofFor(config(), config.path(), workflowId);
    }

    /**
     * Starts a run through {@code starting} (which picks how a finished or running run of the same id
     * is treated), prints its workflow id and, with {@code --wait}, follows it. Returns the exit code.
     */
    public int startAndFollow(Function<RunStarter, RunStarter.Started> starting) {
        try (var session = TemporalSession.open(config())) {
            RunStarter.Started started = starting.apply(new RunStarter(session.client(), session.taskQueue()));
            return follow(started, new RunStatusReader(session.client()), command.commandLine().getOut());
        }
    }

    /** Prints the workflow id; with {@code --wait} follows the run and reports where it stopped. Returns the exit code. */
    int follow(RunStarter.Started started, RunStatusReader reader, PrintWriter out) {
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
