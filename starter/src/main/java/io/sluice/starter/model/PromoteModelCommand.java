package io.sluice.starter.model;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.runs.StartOptions;
import io.sluice.starter.specs.SpecAccounts;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromotionSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice model promote --model-package ARN --spec FILE [--wait]}. */
@Command(name = "promote", description = {"Start PromoteModel for an approved model package and print its workflow id.",
        "With --wait, return when the run stops at the ML engineer's gate or ends, saying which."})
public final class PromoteModelCommand implements Callable<Integer> {
    @Mixin
    StartOptions start;

    @Option(names = "--model-package", required = true, paramLabel = "ARN", description = "The approved source model package.")
    String modelPackageArn;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The promotion spec (promote.yaml).")
    Path specFile;

    @Override
    public Integer call() {
        PromotionSpec promotion = SpecFiles.read(specFile, PromotionSpec.class);
        SluiceConfig settings = start.config();
        SpecAccounts.requireKnown(settings, specFile, promotion);
        SpecAccounts.requireSourceAccount(settings, specFile, promotion, modelPackageArn);
        String workflowId = WorkflowIds.promote(modelPackageArn);
        var request = new PromoteRequest(modelPackageArn, promotion, start.requester(), start.requesterProof(workflowId), null);
        return start.startAndFollow(runs -> runs.start(SluiceWorkflowType.PROMOTE_MODEL,
                workflowId, request.spec().targetGroup(),
                "Promote " + modelPackageArn.replaceAll(".*model-package/", "") + " to " + request.spec().targetAccount()
                        + ", requested by " + request.requester(),
                "Source `" + modelPackageArn + "`; copies under `" + request.spec().artifactPrefix() + "`.",
                request));
    }
}
