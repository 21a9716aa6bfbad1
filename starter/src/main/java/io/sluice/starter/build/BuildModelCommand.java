package io.sluice.starter.build;

import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.Requester;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.RunOutcomes;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.workers.config.ConfigException;
import io.sluice.workers.config.YamlDocuments;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice model build --spec FILE [--wait]}. */
@Command(name = "build", description = {"Start BuildModel from a build.yaml and print its workflow id.",
        "With --wait, return when the run stops at its approval gate or ends, saying which."})
public final class BuildModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    Requester requester;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The build spec (build.yaml).")
    Path specFile;

    @Option(names = "--run-key", paramLabel = "KEY",
            description = "What makes this run unique in its group (default: the current UTC time, yyyyMMdd-HHmmss).")
    String runKey;

    @Option(names = "--wait", description = "Wait until the run reaches its approval gate or ends.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BuildSpec buildSpec = readSpec(specFile);
        String key = runKey != null ? runKey
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var request = new BuildRequest(buildSpec, key, requester.name());
        var settings = config.read();
        try (var session = TemporalSession.open(settings)) {
            var started = new BuildStarter(session.client(), session.taskQueue()).start(request);
            out.println(started.workflowId() + (started.alreadyRunning() ? " (already started; nothing new was started)" : ""));
            out.flush();
            if (!await) {
                return ExitCodes.OK;
            }
            RunStatus status = new RunWaiter(new RunStatusReader(session.client())).awaitGateOrClose(started.workflowId(), timeout,
                    stage -> {
                        out.println("stage " + (stage.stage() == null ? "queued" : stage.stage()));
                        out.flush();
                    });
            return RunOutcomes.report(status, out);
        }
    }

    /** Reads and validates a build spec; errors name the file and the field. */
    public static BuildSpec readSpec(Path file) {
        try {
            return YamlDocuments.parse(file.toString(), Files.readString(file), BuildSpec.class);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the spec: " + e.getMessage(), e);
        }
    }
}
