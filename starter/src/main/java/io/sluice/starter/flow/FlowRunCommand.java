package io.sluice.starter.flow;

import io.sluice.activities.build.flow.Csv;
import io.sluice.activities.build.flow.FlowException;
import io.sluice.activities.build.flow.FlowExecutor;
import io.sluice.activities.build.flow.FlowFile;
import io.sluice.activities.build.flow.FlowNode;
import io.sluice.activities.build.flow.FlowSource;
import io.sluice.activities.build.flow.Table;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice flow run FLOW --input NAME=FILE … (--output NODE=DIR … | --output-dir DIR) [--sample N]}:
 * runs the flow on local CSV files with the executor local job mode uses and writes each output as
 * {@code DIR/part-00000.csv}, as the build's processing outputs are written. Prints, per node run,
 * its rows in and out and the time it took. A node local mode cannot run exits 2 naming it and its
 * operator, before anything runs.
 */
@Command(name = "run", description = {"Run the flow on local CSV files with the executor local job mode uses, write each",
        "requested output as DIR/part-00000.csv (with a header row, as the build's processing job writes it; without",
        "one, as training reads it, with --no-header), and print per",
        "node the rows in and out and the time taken. Exits 2 naming the first node local mode cannot run."})
public final class FlowRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FLOW", description = "The .flow file.")
    Path file;

    @Option(names = "--input", paramLabel = "NAME=FILE",
            description = "The CSV file for the SOURCE dataset NAME (as `sluice flow check` lists them); one per source the outputs need.")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "NODE=DIR",
            description = "Write node NODE's output (NODE is <node_id> for its default output, or <node_id>.<output>) to DIR.")
    Map<String, Path> outputs = new LinkedHashMap<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write every output the flow ends in to DIR/<node_id>.<output>/.")
    Path outputDirectory;

    @Option(names = "--sample", paramLabel = "N", description = "Read only the first N rows of each source.")
    Integer sample;

    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Write the column names as the first record of each output, as Data Wrangler's processing job does",
                "(the default); --no-header writes the rows alone, as the build's training step reads them."})
    boolean header;

    @Option(names = "--refit", description = "Fit encoders, scalers and vectorizers on these inputs instead of applying the "
            + "parameters the flow was defined with (as a processing job asked to refit does).")
    boolean refit;

    @Override
    public Integer call() throws Exception {
        if (outputs.isEmpty() == (outputDirectory == null)) {
            throw new IllegalArgumentException("give either --output NODE=DIR (one or more) or --output-dir DIR");
        }
        FlowFile flow = FlowCommand.read(file);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Path> requested = new LinkedHashMap<>();
        FlowExecutor executor = new FlowExecutor(flow, this::readSource);
        List<FlowSource> sources = executor.sources();
        Set<String> sourceNames = sources.stream().map(FlowSource::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (var input : inputs.entrySet()) {
            if (!sourceNames.contains(input.getKey())) {
                throw new IllegalArgumentException("--input " + input.getKey() + ": the flow has no SOURCE dataset of that name; its sources are "
                        + sourceNames);
            }
            if (!Files.isRegularFile(input.getValue())) {
                throw new IllegalArgumentException("--input " + input.getKey() + "=" + input.getValue() + ": no such file");
            }
        }
        if (outputDirectory != null) {
            executor.terminalOutputs().forEach(output -> requested.put(output, outputDirectory.resolve(output)));
        } else {
            for (var output : outputs.entrySet()) {
                String name = output.getKey().contains(".") ? output.getKey() : output.getKey() + ".default";
                String nodeId = name.substring(0, name.lastIndexOf('.'));
                if (!flow.nodes().containsKey(nodeId)) {
                    throw new IllegalArgumentException("--output " + output.getKey() + ": the flow has no node " + nodeId);
                }
                requested.put(name, output.getValue());
            }
        }
        if (sample != null) {
            executor.sample(sample);
        }
        if (refit) {
            executor.refit();
        }
        int idWidth = flow.nodes().keySet().stream().mapToInt(String::length).max().orElse(0);
        out.printf("%-" + idWidth + "s  %-55s  %9s  %9s  %8s%n", "node", "operator", "rows in", "rows out", "ms");
        out.flush();
        long start = System.nanoTime();
        executor.listener((node, rowsIn, tables, nanos) -> {
            out.printf("%-" + idWidth + "s  %-55s  %9s  %9s  %8.1f%n", node.id(), FlowCommand.describe(node),
                    rowsIn.isEmpty() ? "-" : rowsIn.stream().map(String::valueOf).collect(Collectors.joining("+")),
                    rowsOut(node, tables), nanos / 1e6);
            out.flush();
        });
        Map<String, Table> tables;
        try {
            tables = executor.run(requested.keySet());
        } catch (FlowException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        out.printf("ran in %.1f ms%n", (System.nanoTime() - start) / 1e6);
        executor.warnings().forEach(warning -> out.println("warning: " + warning));
        for (var table : tables.entrySet()) {
            Path directory = requested.get(table.getKey());
            Path part = directory.resolve("part-00000.csv");
            try {
                Files.createDirectories(directory);
                Files.writeString(part, Csv.write(table.getValue(), header), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "cannot write " + part + ": " + e.getMessage());
            }
            out.println("wrote " + table.getKey() + ": " + table.getValue().size() + " row(s) of " + table.getValue().columns().size()
                    + " column(s) to " + part);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String rowsOut(FlowNode node, Map<String, Table> tables) {
        if (tables.size() == 1 || !tables.containsKey("default") || node.outputs().size() <= 1) {
            return String.valueOf(tables.getOrDefault("default", tables.values().iterator().next()).size());
        }
        List<String> parts = new ArrayList<>();
        node.outputs().forEach(output -> parts.add(String.valueOf(tables.containsKey(output) ? tables.get(output).size() : 0)));
        return String.join("+", parts);
    }

    private List<byte[]> readSource(FlowSource source) {
        Path input = inputs.get(source.name());
        if (input == null) {
            throw new FlowException(source.missingInput("--input " + source.name() + "=FILE"));
        }
        try {
            return List.of(Files.readAllBytes(input));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + source.name() + "=" + input, e);
        }
    }
}
