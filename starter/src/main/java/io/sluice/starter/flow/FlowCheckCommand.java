package io.sluice.starter.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.build.flow.FlowException;
import io.sluice.activities.build.flow.FlowExecutor;
import io.sluice.activities.build.flow.FlowFile;
import io.sluice.activities.build.flow.FlowNode;
import io.sluice.activities.build.flow.FlowSource;
import io.sluice.starter.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice flow check FLOW [--json]}: the flow's nodes in order with their operator and
 * whether local mode runs each, its sources, and the outputs it ends in with whether local mode
 * can make each. Reads no data; exits 0 whatever local mode supports.
 */
@Command(name = "check", description = {"List the flow's nodes in order with their operator and whether local mode",
        "runs each, its SOURCE datasets, and the outputs it ends in with whether local mode can write each."})
public final class FlowCheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FLOW", description = "The .flow file.")
    Path file;

    @Option(names = "--json", description = "Print the same as JSON (a stable shape for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FlowFile flow = FlowCommand.read(file);
        FlowExecutor executor = new FlowExecutor(flow, source -> List.of());
        List<FlowSource> sources = executor.sources();
        List<String> outputs = executor.terminalOutputs();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("flow", file.toString());
            ArrayNode nodes = root.putArray("nodes");
            for (FlowNode node : flow.nodes().values()) {
                Optional<String> problem = FlowExecutor.unsupported(node);
                ObjectNode entry = nodes.addObject().put("id", node.id()).put("type", node.type()).put("operator", node.operator());
                entry.put("transform", node.parameters().path("operator").asText(""));
                entry.put("local", problem.isEmpty());
                entry.put("reason", problem.orElse(null));
            }
            ArrayNode sourceArray = root.putArray("sources");
            sources.forEach(source -> sourceArray.addObject().put("name", source.name()).put("nodeId", source.nodeId())
                    .put("athenaQuery", source.isAthenaQuery()));
            ArrayNode outputArray = root.putArray("outputs");
            for (String output : outputs) {
                Optional<FlowException> blocked = executor.check(List.of(output));
                outputArray.addObject().put("output", output).put("local", blocked.isEmpty())
                        .put("reason", blocked.map(FlowException::getMessage).orElse(null));
            }
            out.println(JSON.writeValueAsString(root));
            return ExitCodes.OK;
        }
        out.println(file + ": " + flow.nodes().size() + " node(s)");
        int index = 0;
        int idWidth = flow.nodes().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (FlowNode node : flow.nodes().values()) {
            Optional<String> problem = FlowExecutor.unsupported(node);
            out.printf("%3d  %-" + idWidth + "s  %-13s  %-55s  %s%n", ++index, node.id(), node.type(), FlowCommand.describe(node),
                    problem.map(reason -> "local: no, " + reason).orElse("local: yes"));
        }
        out.println("sources (give each to `sluice flow run` as --input NAME=FILE):");
        sources.forEach(source -> out.println("  " + source.name() + "  (node " + source.nodeId() + ")"
                + (source.isAthenaQuery() ? ": an Athena query; give its result, CSV with a header row or parquet" : "")));
        out.println("outputs it ends in (--output NODE=DIR, or all with --output-dir DIR):");
        for (String output : outputs) {
            Optional<FlowException> blocked = executor.check(List.of(output));
            out.println("  " + output + "  " + blocked.map(problem -> "local: no, " + problem.getMessage()).orElse("local: yes"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
