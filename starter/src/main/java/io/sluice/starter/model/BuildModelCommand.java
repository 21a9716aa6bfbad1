package io.sluice.starter.model;

import io.sluice.client.config.SluiceConfig;
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
import picocli.CommandLine.Option;

/** {@code sluice model build --spec FILE [--wait]}. */
@Command(name = "build", description = {"Start BuildModel from a build.yaml and print its workflow id.",
        "With --wait, return when the run stops at its approval gate or ends, saying which."})
public final class BuildModelCommand implements Callable<Integer> {
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
        SluiceConfig settings = start.config();
        SpecAccounts.requireKnown(settings, specFile, buildSpec);
        String key = runKey != null ? runKey
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String workflowId = WorkflowIds.build(buildSpec.modelPackageGroup(), key);
        var request = new BuildRequest(buildSpec, key, start.requester(), start.requesterProof(workflowId), null);
        return start.startAndFollow(runs -> runs.start(SluiceWorkflowType.BUILD_MODEL,
                workflowId, buildSpec.modelPackageGroup(),
                "Build " + buildSpec.modelPackageGroup() + " (" + buildSpec.jobs().mode() + " jobs), requested by "
                        + request.requester(),
                "Flow `" + buildSpec.flow() + "`; evaluation " + buildSpec.evaluation().describe() + "; account "
                        + buildSpec.account() + ".",
                request));
    }
}
