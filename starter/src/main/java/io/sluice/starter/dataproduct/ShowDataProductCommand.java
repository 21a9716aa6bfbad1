package io.sluice.starter.dataproduct;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.dataproduct.Grant;
import io.sluice.workflows.dataproduct.RegisterDataProductResult;
import io.sluice.workflows.dataproduct.ResourceLink;
import io.sluice.workflows.dataproduct.TableContract;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice data-product show DOMAIN/NAME [--json]}: what the catalog held for the product and
 * who was granted, as its latest registration read it back. Starts nothing and calls no AWS API.
 */
@Command(name = "show", description = {"Show a data product: database, tables, LF-tags, grants and resource links,",
        "as its latest registration recorded them."})
public final class ShowDataProductCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "DOMAIN/NAME", description = "The data product, e.g. credit/applications.")
    String product;

    @Option(names = "--json", description = "Print the registration's result as JSON (a stable shape for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String[] parts = product.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("'" + product + "' is not DOMAIN/NAME; expected e.g. credit/applications");
        }
        String workflowId = WorkflowIds.dataProduct(parts[0], parts[1]);
        RunStatus status;
        try (var session = TemporalSession.open(config.read())) {
            status = new RunStatusReader(session.client()).read(workflowId);
        }
        if (status.result() == null) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "data product " + product
                    + " has no completed registration to show: its latest run " + workflowId + " is " + status.status()
                    + (status.stage() == null ? "" : " at stage " + status.stage())
                    + (status.failure() == null ? "" : ": " + status.failure())
                    + (status.status().equals("RUNNING") ? "; follow it with: sluice status " + workflowId : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(status.result()));
            return ExitCodes.OK;
        }
        print(JSON.treeToValue(status.result(), RegisterDataProductResult.class), workflowId, out);
        return ExitCodes.OK;
    }

    private static void print(RegisterDataProductResult result, String workflowId, PrintWriter out) {
        out.println("data product  " + result.product() + " " + result.version()
                + (result.previousVersion().isEmpty() || result.previousVersion().equals(result.version()) ? ""
                        : " (was " + result.previousVersion() + ")"));
        out.println("database      " + result.database() + " in catalog " + result.catalogId());
        out.println("location      " + result.location());
        out.println("registered by " + workflowId);
        section(out, "tables", result.tables().stream().map(ShowDataProductCommand::table).toList());
        out.println("tags          " + (result.tags().isEmpty() ? "(none)" : new TreeMap<>(result.tags()).entrySet().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", "))));
        section(out, "grants", result.grants().stream().map(Grant::toString).sorted().toList());
        section(out, "links", result.resourceLinks().stream().map(ShowDataProductCommand::link).toList());
        if (!result.breakingChanges().isEmpty()) {
            section(out, "breaking", result.breakingChanges());
        }
        if (!result.additions().isEmpty()) {
            section(out, "added", result.additions());
        }
        if (!result.buildWorkflowId().isEmpty()) {
            out.println("retraining    " + result.buildWorkflowId());
        }
    }

    private static String table(TableContract table) {
        return table.name() + " (" + table.format() + (table.hasHeader() ? " with header" : "") + ", " + table.location()
                + "): " + table.columns().stream().map(Object::toString).collect(Collectors.joining(", "))
                + (table.partitionKeys().isEmpty() ? "" : "; partitioned by " + table.partitionKeys().stream()
                        .map(Object::toString).collect(Collectors.joining(", ")));
    }

    private static String link(ResourceLink link) {
        return link.account() + ": " + link.name() + " -> " + link.targetCatalogId() + ":" + link.targetDatabase();
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            out.printf("%-13s (none)%n", title);
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            out.printf("%-13s %s%n", i == 0 ? title : "", lines.get(i));
        }
    }
}
