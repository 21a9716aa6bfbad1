package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Flows for tests: nodes written as a .flow has them, run on CSV text; and nodes of the shared corpus of real flows. */
public final class TestFlows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestFlows() {}

    static Table run(String csv, String... transforms) {
        List<String> nodes = new java.util.ArrayList<>();
        nodes.add(source());
        String previous = "src";
        for (String transform : transforms) {
            String id = transform.replaceAll("(?s).*\"node_id\":\"([^\"]+)\".*", "$1");
            nodes.add(transform.replace("\"inputs\":[]", "\"inputs\":[{\"name\":\"df\",\"node_id\":\"" + previous
                    + "\",\"output_name\":\"default\"}]"));
            previous = id;
        }
        String last = previous;
        return new FlowExecutor(FlowFile.parse(flow(nodes)), ignored -> List.of(csv.getBytes(StandardCharsets.UTF_8))).run(List.of(last + ".default")).get(last + ".default");
    }

    static String typed() {
        return node("typed", "sagemaker.spark.infer_and_cast_type_0.1", "{}");
    }

    static String node(String id, String operator, String parameters) {
        return "{\"node_id\":\"" + id + "\",\"type\":\"TRANSFORM\",\"operator\":\"" + operator + "\",\"parameters\":"
                + parameters + ",\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
    }

    static String node(String id, String operator, String parameters, String input, String output) {
        return node(id, operator, parameters).replace("\"inputs\":[]",
                "\"inputs\":[{\"name\":\"df\",\"node_id\":\"" + input + "\",\"output_name\":\"" + output + "\"}]");
    }

    static String source() {
        return source("src", "data.csv");
    }

    static String source(String id, String name) {
        return "{\"node_id\":\"" + id + "\",\"type\":\"SOURCE\",\"operator\":\"sagemaker.s3_source_0.1\",\"parameters\":"
                + "{\"dataset_definition\":{\"datasetSourceType\":\"S3\",\"name\":\"" + name + "\",\"s3ExecutionContext\":"
                + "{\"s3Uri\":\"s3://bucket/" + name + "\",\"s3ContentType\":\"csv\",\"s3HasHeader\":true}}},"
                + "\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
    }

    /**
     * An Athena SOURCE node {@code nodeId} reading dataset {@code name} with {@code SELECT * FROM
     * applications} of database {@code credit_applications}, as Data Wrangler writes one.
     */
    public static String athenaSource(String nodeId, String name, String outputLocation, String format) {
        return "{\"node_id\":\"" + nodeId + "\",\"type\":\"SOURCE\",\"operator\":\"sagemaker.athena_source_0.1\","
                + "\"parameters\":{\"dataset_definition\":{\"datasetSourceType\":\"Athena\",\"name\":\"" + name + "\","
                + "\"catalogName\":\"AwsDataCatalog\",\"databaseName\":\"credit_applications\","
                + "\"queryString\":\"SELECT * FROM applications\",\"s3OutputLocation\":\"" + outputLocation + "\","
                + "\"outputFormat\":\"" + format + "\"}},\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
    }

    static String flow(List<String> nodes) {
        return "{\"metadata\":{\"version\":1},\"nodes\":[" + String.join(",", nodes) + "]}";
    }

    static List<Object> column(Table table, String name) {
        return table.column(table.columns().indexOf(name));
    }

    /** The node of a real corpus flow (with its trained parameters) whose id starts with {@code idPrefix}, as JSON text with no inputs. */
    static String corpusNode(String flowName, String idPrefix, String newId) {
        try {
            JsonNode flow = JSON.readTree(corpus().resolve(flowName + ".flow").toFile());
            for (JsonNode node : flow.path("nodes")) {
                if (node.path("node_id").asText().startsWith(idPrefix)) {
                    var copy = (com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy();
                    copy.put("node_id", newId);
                    copy.putArray("inputs");
                    return JSON.writeValueAsString(copy);
                }
            }
            throw new IllegalArgumentException(flowName + " has no node " + idPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared corpus of real flows: {@code ../shared/flows} beside the project, or the {@code sluice.flowCorpus} system property. */
    static Path corpus() {
        String configured = System.getProperty("sluice.flowCorpus");
        if (configured != null) {
            return Path.of(configured);
        }
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("sluice"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("not inside the project: no sluice script above the working directory");
        }
        Path corpus = directory.resolve("../shared/flows").normalize();
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("no flow corpus at " + corpus + "; set -Dsluice.flowCorpus=DIR");
        }
        return corpus;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
