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
 * outputs are, {@code <node_id>.<output>}. Supported: the operators and transforms listed in
 * {@code SUPPORTED} (the README keeps the table), and datasets and destinations, which pass their
 * input on. Anything else fails with a {@link FlowException} that
 * names the node and its operator. Steps apply the parameters Data Wrangler fitted when they were
 * defined ({@link TrainedModel}); custom code runs in Python ({@link CustomCode}).
 */
public final class FlowExecutor {
    /** The sub-operators ({@code parameters.operator}) local mode runs, by operator; an empty set: the operator has none. */
    private static final Map<String, Set<String>> SUPPORTED = Map.ofEntries(
            Map.entry("sagemaker.s3_source_0.1", Set.of()),
            Map.entry("sagemaker.spark.infer_and_cast_type_0.1", Set.of()),
            Map.entry("sagemaker.spark.cast_single_data_type_0.1", Set.of()),
            Map.entry("sagemaker.spark.manage_columns_0.1", Set.of("Drop column", "Rename column", "Duplicate column", "Move column")),
            Map.entry("sagemaker.spark.manage_rows_0.1", ManageRows.TRANSFORMS),
            Map.entry("sagemaker.spark.handle_missing_0.1", Set.of("Impute", "Fill missing", "Drop missing")),
            Map.entry("sagemaker.spark.handle_outliers_0.1", HandleOutliers.TRANSFORMS),
            Map.entry("sagemaker.spark.encode_categorical_0.1", Set.of("One-hot encode", "Ordinal encode")),
            Map.entry("sagemaker.spark.process_numeric_0.1", Set.of("Scale values")),
            Map.entry("sagemaker.spark.format_string_0.1", FormatString.TRANSFORMS),
            Map.entry("sagemaker.spark.search_and_edit_0.1", SearchAndEdit.TRANSFORMS),
            Map.entry("sagemaker.spark.balance_data_0.1", BalanceData.TRANSFORMS),
            Map.entry("sagemaker.spark.featurize_text_0.1", Set.of("Vectorize")),
            Map.entry("sagemaker.spark.custom_formula_0.1", Set.of()),
            Map.entry("sagemaker.spark.custom_pandas_0.1", Set.of()),
            Map.entry("sagemaker.spark.custom_pyspark_0.1", Set.of()),
            Map.entry("sagemaker.spark.custom_code_0.1", Set.of("Python (Pandas)", "Python (PySpark)")),
            Map.entry("sagemaker.spark.split_0.1", Set.of("Randomized split", "Ordered split")),
            Map.entry("sagemaker.spark.join_tables_0.1", Set.of()));

    private static final Set<String> CONTENT_TYPES = Set.of("csv", "parquet");

    private final FlowFile flow;
    private final Function<FlowSource, List<byte[]>> readSource;
    private final Map<String, Map<String, Table>> results = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int sample = -1;
    private boolean refit;
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

    /** @param readSource the objects of a source's dataset (one file, or each under its prefix), as bytes */
    public FlowExecutor(FlowFile flow, Function<FlowSource, List<byte[]>> readSource) {
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

    /**
     * Fits every step on the data it reads, as a Data Wrangler processing job does when asked to
     * refit trained parameters, instead of applying the parameters the flow carries.
     */
    public FlowExecutor refit() {
        this.refit = true;
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
        if (isAthenaSource(node)) {
            return Optional.empty();
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
            if (!CONTENT_TYPES.contains(contentType.toLowerCase(java.util.Locale.ROOT))) {
                return Optional.of("s3ContentType '" + contentType + "' is not supported in local mode; expected csv or parquet");
            }
        }
        if (node.operator().equals("sagemaker.spark.featurize_text_0.1")) {
            return FeaturizeText.unsupported(node.parameters());
        }
        return customCodeLanguage(node).flatMap(CustomCode::unavailable);
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

    /** What the nodes run so far noticed and carried on from, each naming its node. */
    public List<String> warnings() {
        return List.copyOf(warnings);
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
            List<String> nodeWarnings = new ArrayList<>();
            FlowNode step = refit ? node.withoutTrainedParameters() : node;
            nodeOutputs = NodeWarnings.collect(nodeWarnings, () -> execute(step, inputs));
            nodeWarnings.forEach(warning -> warnings.add("node " + node.id() + " (" + node.operator() + "): " + warning));
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
            if (!node.operator().equals("sagemaker.s3_source_0.1") && !isAthenaSource(node)) {
                throw FlowException.at(node, "only S3 and Athena sources are supported in local mode");
            }
            Table table = read(node, source(node));
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
            case "sagemaker.spark.manage_rows_0.1" -> Map.of("default", ManageRows.apply(node, single(node, inputs)));
            case "sagemaker.spark.handle_missing_0.1" -> Map.of("default", HandleMissing.apply(node, single(node, inputs)));
            case "sagemaker.spark.handle_outliers_0.1" -> Map.of("default", HandleOutliers.apply(node, single(node, inputs)));
            case "sagemaker.spark.process_numeric_0.1" -> Map.of("default", ScaleValues.apply(node, single(node, inputs)));
            case "sagemaker.spark.format_string_0.1" -> Map.of("default", FormatString.apply(node, single(node, inputs)));
            case "sagemaker.spark.search_and_edit_0.1" -> Map.of("default", SearchAndEdit.apply(node, single(node, inputs)));
            case "sagemaker.spark.balance_data_0.1" -> Map.of("default", BalanceData.apply(node, single(node, inputs)));
            case "sagemaker.spark.featurize_text_0.1" -> Map.of("default", FeaturizeText.apply(node, single(node, inputs)));
            case "sagemaker.spark.custom_formula_0.1" -> Map.of("default", CustomFormula.apply(node, single(node, inputs)));
            case "sagemaker.spark.custom_pandas_0.1", "sagemaker.spark.custom_pyspark_0.1", "sagemaker.spark.custom_code_0.1" ->
                    Map.of("default", CustomCode.run(node, single(node, inputs), customCodeLanguage(node).orElseThrow(), customCode(node)));
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

    /** The language of a custom code node (Pandas or PySpark), if it is one. */
    private static Optional<String> customCodeLanguage(FlowNode node) {
        return switch (node.operator()) {
            case "sagemaker.spark.custom_pandas_0.1" -> Optional.of("Pandas");
            case "sagemaker.spark.custom_pyspark_0.1" -> Optional.of("PySpark");
            case "sagemaker.spark.custom_code_0.1" -> Optional.of(node.parameters().path("operator").asText("").equals("Python (PySpark)")
                    ? "PySpark" : "Pandas");
            default -> Optional.empty();
        };
    }

    /** The code of a custom code node, wherever its operator version keeps it. */
    private static String customCode(FlowNode node) {
        JsonNode parameters = node.parameters();
        for (JsonNode code : List.of(parameters.path("code"), parameters.path("pandas_parameters").path("code"),
                parameters.path("pyspark_parameters").path("code"))) {
            if (code.isTextual()) {
                return code.asText();
            }
        }
        throw FlowException.at(node, "parameter 'code' is missing");
    }

    private static Table single(FlowNode node, List<Table> inputs) {
        if (inputs.size() != 1) {
            throw FlowException.at(node, "expected 1 input; it has " + inputs.size());
        }
        return inputs.get(0);
    }

    /** The source's objects read and stacked, each CSV object with its own header when the source has one. */
    private Table read(FlowNode node, FlowSource source) {
        List<String> columns = null;
        List<Object[]> rows = new ArrayList<>();
        for (byte[] object : readSource.apply(source)) {
            boolean parquet = source.contentType().equals("parquet") || (source.isAthenaQuery() && Parquet.isParquet(object));
            Table part = parquet ? Parquet.table(object)
                    : Csv.read(new String(object, java.nio.charset.StandardCharsets.UTF_8), source.delimiter(), source.header());
            if (part.columns().isEmpty()) {
                continue;
            }
            if (columns != null && !columns.equals(part.columns())) {
                throw FlowException.at(node, "the objects of dataset " + source.name() + " have different columns: " + columns + " and " + part.columns());
            }
            columns = part.columns();
            rows.addAll(part.rows());
        }
        return new Table(columns == null ? List.of() : columns, rows);
    }

    /** A SOURCE node reading an Athena query: local mode reads the query's result, given as the dataset's input. */
    public static boolean isAthenaSource(FlowNode node) {
        return node.operator().startsWith("sagemaker.athena_source");
    }

    private static FlowSource source(FlowNode node) {
        JsonNode definition = node.parameters().path("dataset_definition");
        if (isAthenaSource(node)) {
            return new FlowSource(node.id(), node.operator(), node.text(definition, "name"), "", FlowSource.QUERY_RESULT, true, ',');
        }
        JsonNode context = definition.path("s3ExecutionContext");
        String contentType = context.path("s3ContentType").asText("csv").toLowerCase(java.util.Locale.ROOT);
        if (!CONTENT_TYPES.contains(contentType)) {
            throw FlowException.at(node, "s3ContentType '" + contentType + "' is not supported in local mode; expected csv or parquet");
        }
        String delimiter = context.path("s3FieldDelimiter").asText(",");
        return new FlowSource(node.id(), node.operator(), node.text(definition, "name"), context.path("s3Uri").asText(""), contentType,
                context.path("s3HasHeader").asBoolean(true), delimiter.isEmpty() ? ',' : delimiter.charAt(0));
    }
}
