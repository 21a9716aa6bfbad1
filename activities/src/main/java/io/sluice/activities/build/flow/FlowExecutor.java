package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs a {@code .flow} file on the worker, as the Data Wrangler container would in a processing
 * job: only the nodes the requested outputs need, each once. Outputs are named as processing
 * outputs are, {@code <node_id>.<output>}. Supported: S3 CSV sources, infer and cast types, cast a
 * single column, manage columns, handle missing, encode categorical, split, join, and datasets and
 * destinations (which pass their input on). Anything else fails with a {@link FlowException} that
 * names the node and its operator.
 */
public final class FlowExecutor {
    /** The sub-operators ({@code parameters.operator}) local mode runs, by operator; an empty set: the operator has none. */
    private static final Map<String, Set<String>> SUPPORTED = Map.ofEntries(
            Map.entry("sagemaker.s3_source_0.1", Set.of()),
            Map.entry("sagemaker.spark.infer_and_cast_type_0.1", Set.of()),
            Map.entry("sagemaker.spark.cast_single_data_type_0.1", Set.of()),
            Map.entry("sagemaker.spark.manage_columns_0.1", Set.of("Drop column", "Rename column", "Duplicate column", "Move column")),
            Map.entry("sagemaker.spark.handle_missing_0.1", Set.of("Impute", "Fill missing", "Drop missing")),
            Map.entry("sagemaker.spark.encode_categorical_0.1", Set.of("One-hot encode", "Ordinal encode")),
            Map.entry("sagemaker.spark.split_0.1", Set.of("Randomized split", "Ordered split")),
            Map.entry("sagemaker.spark.join_tables_0.1", Set.of()));

    private final FlowFile flow;
    private final Function<FlowSource, String> readSource;
    private final Map<String, Map<String, Table>> results = new HashMap<>();
    private int sample = -1;
    private NodeListener listener = (node, rowsIn, outputs, nanos) -> { };

    /** Told of each node once it has run. */
    @FunctionalInterface
    public interface NodeListener {
        /**
         * @param rowsIn the rows of each input, in order
         * @param outputs the node's outputs by name
         * @param nanos how long the node itself took, its inputs aside
         */
        void ran(FlowNode node, List<Integer> rowsIn, Map<String, Table> outputs, long nanos);
    }

    /** @param readSource the CSV text of a source's dataset */
    public FlowExecutor(FlowFile flow, Function<FlowSource, String> readSource) {
        this.flow = flow;
        this.readSource = readSource;
    }

    /** Reads only the first {@code rows} rows of each source. */
    public FlowExecutor sample(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("sample must be a positive number of rows; got " + rows);
        }
        this.sample = rows;
        return this;
    }

    /** Tells {@code listener} of each node as it runs. */
    public FlowExecutor listener(NodeListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Each requested output ({@code <node_id>.<output>}) as a table. Before anything runs, fails
     * naming the first node (in the flow's order) the outputs need that local mode cannot run.
     */
    public Map<String, Table> run(Collection<String> outputs) {
        check(outputs).ifPresent(problem -> {
            throw problem;
        });
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String output : outputs) {
            int dot = output.lastIndexOf('.');
            tables.put(output, output(output.substring(0, dot), output.substring(dot + 1)));
        }
        return tables;
    }

    /** Why the outputs cannot be made locally, if they cannot: the first node (in the flow's order) they need that local mode cannot run. */
    public Optional<FlowException> check(Collection<String> outputs) {
        Set<String> needed = new HashSet<>();
        for (String output : outputs) {
            int dot = output.lastIndexOf('.');
            if (dot <= 0) {
                throw new FlowException("output '" + output + "' is not <node_id>.<output name>");
            }
            need(flow.node(output.substring(0, dot)), needed);
        }
        for (FlowNode node : flow.nodes().values()) {
            if (needed.contains(node.id())) {
                Optional<String> problem = unsupported(node);
                if (problem.isPresent()) {
                    return Optional.of(FlowException.at(node, problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why local mode cannot run {@code node}, if it cannot: its operator, or its transform within
     * the operator. Visualizations are never run; they are reported as not run.
     */
    public static Optional<String> unsupported(FlowNode node) {
        if (node.type().equals("DATASET") || node.type().equals("DESTINATION")) {
            return Optional.empty();
        }
        if (node.type().equals("VISUALIZATION")) {
            return Optional.of("visualizations are not run in local mode");
        }
        Set<String> transforms = SUPPORTED.get(node.operator());
        if (transforms == null) {
            return Optional.of("operator is not supported in local mode");
        }
        String transform = node.parameters().path("operator").asText("");
        if (!transforms.isEmpty() && !transforms.contains(transform)) {
            return Optional.of("transform '" + transform + "' is not supported in local mode; it runs " + new TreeSet<>(transforms));
        }
        if (node.operator().equals("sagemaker.s3_source_0.1")) {
            String contentType = node.parameters().path("dataset_definition").path("s3ExecutionContext").path("s3ContentType").asText("csv");
            if (!contentType.equalsIgnoreCase("csv")) {
                return Optional.of("s3ContentType '" + contentType + "' is not supported in local mode; expected csv");
            }
        }
        if (transform.equals("One-hot encode")) {
            String style = node.parameters().path("one_hot_encode_parameters").path("output_style").asText("Vector");
            if (!style.equals("Columns")) {
                return Optional.of("one-hot output_style '" + style + "' is not supported in local mode; use Columns");
            }
        }
        return Optional.empty();
    }

    /**
     * The outputs no other node reads ({@code <node_id>.<output>}), visualizations aside: what the
     * flow ends in. A split's parts count one by one.
     */
    public List<String> terminalOutputs() {
        Set<String> read = new HashSet<>();
        for (FlowNode node : flow.nodes().values()) {
            if (!node.type().equals("VISUALIZATION")) {
                node.inputs().forEach(input -> read.add(input.nodeId() + "." + input.output()));
            }
        }
        List<String> terminal = new ArrayList<>();
        for (FlowNode node : flow.nodes().values()) {
            if (node.type().equals("VISUALIZATION")) {
                continue;
            }
            for (String output : node.outputs().isEmpty() ? List.of("default") : node.outputs()) {
                if (!read.contains(node.id() + "." + output)) {
                    terminal.add(node.id() + "." + output);
                }
            }
        }
        return terminal;
    }

    private void need(FlowNode node, Set<String> needed) {
        if (needed.add(node.id())) {
            node.inputs().forEach(input -> need(flow.node(input.nodeId()), needed));
        }
    }

    /** The SOURCE datasets of the flow. */
    public List<FlowSource> sources() {
        List<FlowSource> sources = new ArrayList<>();
        flow.nodes().values().stream().filter(node -> node.type().equals("SOURCE")).forEach(node -> sources.add(source(node)));
        return sources;
    }

    private Table output(String nodeId, String output) {
        FlowNode node = flow.node(nodeId);
        Map<String, Table> nodeOutputs = results.get(nodeId);
        if (nodeOutputs == null) {
            List<Table> inputs = new ArrayList<>();
            for (FlowNode.Input input : node.inputs()) {
                inputs.add(output(input.nodeId(), input.output()));
            }
            long start = System.nanoTime();
            nodeOutputs = execute(node, inputs);
            listener.ran(node, inputs.stream().map(Table::size).toList(), nodeOutputs, System.nanoTime() - start);
            results.put(nodeId, nodeOutputs);
        }
        Table table = nodeOutputs.get(output);
        if (table == null) {
            throw FlowException.at(node, "has no output '" + output + "'; it has " + nodeOutputs.keySet());
        }
        return table;
    }

    private Map<String, Table> execute(FlowNode node, List<Table> inputs) {
        if (node.type().equals("SOURCE")) {
            if (!node.operator().equals("sagemaker.s3_source_0.1")) {
                throw FlowException.at(node, "only S3 sources are supported in local mode");
            }
            FlowSource source = source(node);
            Table table = Csv.read(readSource.apply(source), source.delimiter(), source.header());
            return Map.of("default", sample > 0 && table.size() > sample
                    ? new Table(table.columns(), table.rows().subList(0, sample)) : table);
        }
        if (node.type().equals("DATASET") || node.type().equals("DESTINATION")) {
            return Map.of("default", single(node, inputs));
        }
        return switch (node.operator()) {
            case "sagemaker.spark.infer_and_cast_type_0.1" -> Map.of("default", CastTypes.inferAndCast(node, single(node, inputs)));
            case "sagemaker.spark.cast_single_data_type_0.1" -> Map.of("default", CastTypes.castSingle(node, single(node, inputs)));
            case "sagemaker.spark.manage_columns_0.1" -> Map.of("default", ManageColumns.apply(node, single(node, inputs)));
            case "sagemaker.spark.handle_missing_0.1" -> Map.of("default", HandleMissing.apply(node, single(node, inputs)));
            case "sagemaker.spark.encode_categorical_0.1" -> Map.of("default", EncodeCategorical.apply(node, single(node, inputs)));
            case "sagemaker.spark.split_0.1" -> SplitRows.apply(node, single(node, inputs));
            case "sagemaker.spark.join_tables_0.1" -> {
                if (inputs.size() != 2) {
                    throw FlowException.at(node, "a join needs 2 inputs; it has " + inputs.size());
                }
                yield Map.of("default", JoinTables.apply(node, inputs.get(0), inputs.get(1)));
            }
            default -> throw FlowException.at(node, "operator is not supported in local mode");
        };
    }

    private static Table single(FlowNode node, List<Table> inputs) {
        if (inputs.size() != 1) {
            throw FlowException.at(node, "expected 1 input; it has " + inputs.size());
        }
        return inputs.get(0);
    }

    private static FlowSource source(FlowNode node) {
        JsonNode definition = node.parameters().path("dataset_definition");
        JsonNode context = definition.path("s3ExecutionContext");
        String contentType = context.path("s3ContentType").asText("csv");
        if (!contentType.equalsIgnoreCase("csv")) {
            throw FlowException.at(node, "s3ContentType '" + contentType + "' is not supported in local mode; expected csv");
        }
        String delimiter = context.path("s3FieldDelimiter").asText(",");
        return new FlowSource(node.id(), node.text(definition, "name"), context.path("s3Uri").asText(""),
                context.path("s3HasHeader").asBoolean(true), delimiter.isEmpty() ? ',' : delimiter.charAt(0));
    }
}
