package io.sluice.starter.dataproduct;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.runs.StartOptions;
import io.sluice.starter.specs.SpecAccounts;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.dataproduct.DataProductSpec;
import io.sluice.workflows.dataproduct.RegisterDataProductRequest;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice data-product register --spec FILE [--wait]}. */
@Command(name = "register", description = {"Start RegisterDataProduct from a data-product.yaml and print its workflow id.",
        "A product registered before is updated; a new version may start its retraining build.",
        "With --wait, return when the run ends, saying how."})
public final class RegisterDataProductCommand implements Callable<Integer> {
    @Mixin
    StartOptions start;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The data product (data-product.yaml).")
    Path specFile;

    @Override
    public Integer call() {
        DataProductSpec product = SpecFiles.read(specFile, DataProductSpec.class);
        SluiceConfig settings = start.config();
        SpecAccounts.requireKnown(settings, specFile, product);
        String workflowId = WorkflowIds.dataProduct(product.domain(), product.name());
        var request = new RegisterDataProductRequest(product, start.requester(), start.requesterProof(workflowId), null);
        return start.startAndFollow(runs -> runs.startExclusive(SluiceWorkflowType.REGISTER_DATA_PRODUCT,
                workflowId, "",
                "Register data product " + product.product() + " " + product.version() + ", requested by "
                        + request.requester(),
                "Database `" + product.database() + "` in " + product.governanceAccount() + "; data `" + product.location()
                        + "` of " + product.producerAccount() + "; " + product.consumers().size() + " consumer(s).",
                request));
    }
}
