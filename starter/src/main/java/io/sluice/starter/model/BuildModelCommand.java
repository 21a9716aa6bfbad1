package io.sluice.starter.model;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.Requester;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.StartOptions;
import io.sluice.starter.specs.SpecAccounts;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.nio.file.Path;
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

    @Mixin
    StartOptions start;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The build spec (build.yaml).")
    Path specFile;

    @Option(names = "--run-key", paramLabel = "KEY",
            description = "What makes this run unique in its group (default: the current UTC time, yyyyMMdd-HHmmss).")
    String runKey;

    @Override
    public Integer call() {
        BuildSpec buildSpec = SpecFiles.read(specFile, BuildSpec.class);
        SluiceConfig settings = config.read();
        SpecAccounts.requireKnown(settings, specFile, buildSpec);
        String key = runKey != null ? runKey
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String workflowId = WorkflowIds.build(buildSpec.modelPackageGroup(), key);
        var request = new BuildRequest(buildSpec, key, requester.name(), requester.proofFor(settings, config.path(), workflowId), null);
        try (var session = TemporalSession.open(settings)) {
            var started = new RunStarter(session.client(), session.taskQueue()).start(SluiceWorkflowType.BUILD_MODEL,
                    workflowId, buildSpec.modelPackageGroup(),
                    "Build " + buildSpec.modelPackageGroup() + " (" + buildSpec.jobs().mode() + " jobs), requested by "
                            + request.requester(),
                    "Flow `" + buildSpec.flow() + "`; evaluation " + buildSpec.evaluation().describe() + "; account "
                            + buildSpec.account() + ".",
                    request);
            return start.follow(started, new RunStatusReader(session.client()), spec.commandLine().getOut());
        }
    }
}
