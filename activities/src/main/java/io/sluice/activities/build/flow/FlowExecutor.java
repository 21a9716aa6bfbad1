package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final FlowFile flow;
    private final Function<FlowSource, String> readSource;
    private final Map<String, Map<String, Table>> results = new HashMap<>();

    /** @param readSource the CSV text of a source's dataset */
    public FlowExecutor(FlowFile flow, Function<FlowSource, String> readSource) {
        this.flow = flow;
        this.readSource = readSource;
    }

    /** Each requested output ({@code <node_id>.<output>}) as a table. */
    public Map<String, Table> run(Collection<String> outputs) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String output : outputs) {
            int dot = output.lastIndexOf('.');
            if (dot <= 0) {
                throw new FlowException("output '" + output + "' is not <node_id>.<output name>");
            }
            tables.put(output, output(output.substring(0, dot), output.substring(dot + 1)));
        }
        return tables;
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
            nodeOutputs = execute(node);
            results.put(nodeId, nodeOutputs);
        }
        Table table = nodeOutputs.get(output);
        if (table == null) {
            throw FlowException.at(node, "has no output '" + output + "'; it has " + nodeOutputs.keySet());
        }
        return table;
    }

    private Map<String, Table> execute(FlowNode node) {
        if (node.type().equals("SOURCE")) {
            if (!node.operator().equals("sagemaker.s3_source_0.1")) {
                throw FlowException.at(node, "only S3 sources are supported in local mode");
            }
            FlowSource source = source(node);
            return Map.of("default", Csv.read(readSource.apply(source), source.delimiter(), source.header()));
        }
        List<Table> inputs = new ArrayList<>();
        for (FlowNode.Input input : node.inputs()) {
            inputs.add(output(input.nodeId(), input.output()));
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
