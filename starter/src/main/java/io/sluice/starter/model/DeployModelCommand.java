package io.sluice.starter.model;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.runs.StartOptions;
import io.sluice.starter.specs.SpecAccounts;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.deployment.DeploymentSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice model deploy --model-package ARN --spec FILE [--wait]}. */
@Command(name = "deploy", description = {"Start DeployModel for an approved shared model package and print its workflow id.",
        "One deployment per endpoint at a time: a second one while the first runs is refused (exit 2).",
        "With --wait, return when the run stops at the governance officer's gate or ends, saying which."})
public final class DeployModelCommand implements Callable<Integer> {
    @Mixin
    StartOptions start;

    @Option(names = "--model-package", required = true, paramLabel = "ARN", description = "The approved package in shared services.")
    String modelPackageArn;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The deployment spec (deploy.yaml).")
    Path specFile;

    @Override
    public Integer call() {
        DeploymentSpec deployment = SpecFiles.read(specFile, DeploymentSpec.class);
        SluiceConfig settings = start.config();
        SpecAccounts.requireKnown(settings, specFile, deployment);
        String workflowId = WorkflowIds.deploy(deployment.endpointName());
        var request = new DeployRequest(modelPackageArn, deployment, start.requester(), start.requesterProof(workflowId), null);
        return start.startAndFollow(runs -> {
            var started = runs.startExclusive(SluiceWorkflowType.DEPLOY_MODEL, workflowId, "",
                    "Deploy " + modelPackageArn.replaceAll(".*model-package/", "") + " to " + request.spec().endpointName()
                            + ", requested by " + request.requester(),
                    "Package `" + modelPackageArn + "`; test in " + request.spec().test().account() + ", prod in "
                            + request.spec().prod().account() + ".",
                    request);
            if (started.alreadyStarted()) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, workflowId + " is already running: one deployment per endpoint "
                        + "at a time; follow it with `sluice status " + workflowId + "` or decide its gate first");
            }
            return started;
        });
    }
}
