package io.sluice.starter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.build.flow.FlowExecutor;
import io.sluice.activities.build.flow.FlowFile;
import io.sluice.activities.build.flow.FlowNode;
import io.sluice.activities.build.flow.Table;
import io.sluice.starter.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real flow of the shared corpus ({@code ../shared/flows} beside the project, or the
 * {@code sluice.flowCorpus} system property) through {@code sluice flow run}, and each of its steps
 * checked as a data scientist would: the run ends (so every column a later step reads exists), row
 * counts follow each transform's rule, and encodings follow the categories the corpus decoded
 * from each step's trained encoder ({@code trained_labels.json}), in their order.
 */
class FlowCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Operators whose steps keep every row (for encoders and outlier handling: unless they skip or remove). */
    private static final Set<String> ROW_PRESERVING = Set.of("sagemaker.spark.infer_and_cast_type_0.1",
            "sagemaker.spark.cast_single_data_type_0.1", "sagemaker.spark.manage_columns_0.1", "sagemaker.spark.format_string_0.1",
            "sagemaker.spark.search_and_edit_0.1", "sagemaker.spark.process_numeric_0.1", "sagemaker.spark.featurize_text_0.1",
            "sagemaker.spark.custom_formula_0.1", "sagemaker.spark.s3_destination_0.1", "sagemaker.dataset.identity_0.1");

    @TempDir
    Path directory;

    static Path corpus() {
        String configured = System.getProperty("sluice.flowCorpus");
        Path root = configured != null ? Path.of(configured) : projectRoot().resolve("../shared/flows").normalize();
        assertThat(root.resolve("data")).as("the flow corpus (set -Dsluice.flowCorpus=DIR to place it elsewhere)").isDirectory();
        return root;
    }

    private static Path projectRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("sluice"))) {
            directory = directory.getParent();
        }
        return Objects.requireNonNull(directory, "not inside the project: no sluice script above the working directory");
    }

    static Stream<String> flows() throws IOException {
        try (Stream<Path> entries = Files.list(corpus().resolve("data"))) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** What the corpus flows need that this machine may not have: PySpark. */
    private static final Map<String, String> NEEDS_PYSPARK = Map.of(
            "SageMaker-Data-Wrangler-L400-Workshop__hotel-booking", "c40971ea-66ec-489f-b985-9cc09586ed97",
            "amazon-sagemaker-examples__join", "c0a64988-58bd-4863-9119-888188c5ce45");

    @ParameterizedTest
    @MethodSource("flows")
    void corpusFlow_runsLocally_andEachStepFollowsItsRule(String name) throws Exception {
        Path flowFile = corpus().resolve(name + ".flow");
        Map<String, Path> inputs = inputs(name);
        List<String> arguments = new ArrayList<>(List.of("flow", "run", flowFile.toString(), "--output-dir", directory.toString(), "--header"));
        inputs.forEach((source, file) -> arguments.addAll(List.of("--input", source + "=" + file)));
        if (name.equals("amazon-sagemaker-examples__customers")) {
            arguments.add("--refit");
        }

        CliRun run = CliRun.of(arguments.toArray(String[]::new));

        if (NEEDS_PYSPARK.containsKey(name) && !pysparkImportable()) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("node " + NEEDS_PYSPARK.get(name), "PySpark code needs pyspark");
            return;
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote ");

        FlowFile flow = FlowFile.parse(Files.readString(flowFile));
        Map<String, Map<String, Table>> outputs = new LinkedHashMap<>();
        FlowExecutor executor = new FlowExecutor(flow, source -> List.of(read(inputs.get(source.name()))))
                .listener((node, rowsIn, tables, nanos) -> outputs.put(node.id(), tables));
        if (name.equals("amazon-sagemaker-examples__customers")) {
            executor.refit();
        }
        executor.run(executor.terminalOutputs());
        JsonNode labels = JSON.readTree(corpus().resolve("data").resolve(name).resolve("trained_labels.json").toFile());
        for (var ran : outputs.entrySet()) {
            FlowNode node = flow.node(ran.getKey());
            List<Table> read = node.inputs().stream().map(input -> outputs.get(input.nodeId()).get(input.output())).toList();
            checkRows(node, read, ran.getValue());
            if (!name.equals("amazon-sagemaker-examples__customers")) {
                checkEncoding(node, read, ran.getValue(), labels.path(node.id()));
            }
        }
    }

    private static void checkRows(FlowNode node, List<Table> read, Map<String, Table> written) {
        String what = "rows out of node " + node.id() + " (" + node.operator() + ")";
        JsonNode parameters = node.parameters();
        String transform = parameters.path("operator").asText("");
        int rowsIn = read.stream().mapToInt(Table::size).sum();
        Table out = written.get("default");
        switch (node.operator()) {
            case "sagemaker.spark.handle_missing_0.1" -> {
                if (transform.equals("Drop missing")) {
                    JsonNode columns = parameters.path("drop_missing_parameters").path("drop_rows_parameters").path("input_column");
                    Table in = read.get(0);
                    List<Integer> checked = columns.isMissingNode() ? allColumns(in) : List.of(in.columns().indexOf(columns.asText()));
                    long present = in.rows().stream().filter(row -> checked.stream().noneMatch(index -> missing(row[index]))).count();
                    assertThat((long) out.size()).as(what + ": the rows where the named column is present").isEqualTo(present);
                } else {
                    assertThat(out.size()).as(what).isEqualTo(rowsIn);
                }
            }
            case "sagemaker.spark.manage_rows_0.1" -> {
                Set<List<Object>> distinct = new HashSet<>();
                read.get(0).rows().forEach(row -> distinct.add(Arrays.asList(row)));
                assertThat(out.size()).as(what + ": one of each distinct row").isEqualTo(transform.equals("Drop duplicates") ? distinct.size() : rowsIn);
            }
            case "sagemaker.spark.balance_data_0.1" -> {
                int target = out.columns().indexOf(parameters.path("target_column").asText());
                Map<Object, Long> counts = new HashMap<>();
                out.rows().forEach(row -> counts.merge(row[target], 1L, Long::sum));
                long largest = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertThat(out.size()).as(what).isGreaterThanOrEqualTo(rowsIn);
                assertThat(counts.values()).as(what + ": every class at ratio × the largest")
                        .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(Math.round(parameters.path("ratio").asDouble() * largest)));
            }
            case "sagemaker.spark.split_0.1" -> assertThat(written.values().stream().mapToInt(Table::size).sum()).as(what).isEqualTo(rowsIn);
            case "sagemaker.spark.encode_categorical_0.1", "sagemaker.spark.handle_outliers_0.1" -> {
                boolean drops = parameters.toString().contains("\"Skip\"") || parameters.toString().contains("\"Remove\"");
                if (!drops) {
                    assertThat(out.size()).as(what).isEqualTo(rowsIn);
                }
            }
            default -> {
                if (ROW_PRESERVING.contains(node.operator())) {
                    assertThat(out.size()).as(what).isEqualTo(rowsIn);
                }
            }
        }
    }

    /** One-hot columns (or ordinal codes) are the trained categories, in their order. */
    private static void checkEncoding(FlowNode node, List<Table> read, Map<String, Table> written, JsonNode trained) {
        if (!node.operator().equals("sagemaker.spark.encode_categorical_0.1") || !trained.has("labels") || trained.path("labels").isEmpty()) {
            return;
        }
        List<String> labels = new ArrayList<>();
        trained.path("labels").forEach(label -> labels.add(label.asText()));
        String column = trained.path("column").asText();
        Table out = written.get("default");
        String what = "encoding of " + column + " by node " + node.id();
        if (node.parameters().path("operator").asText().equals("One-hot encode")) {
            JsonNode parameters = node.parameters().path("one_hot_encode_parameters");
            if (!parameters.path("output_style").asText().equals("Columns")) {
                return;
            }
            String output = parameters.path("output_column").asText("");
            String prefix = (output.isEmpty() ? column : output) + "_";
            List<String> encoded = out.columns().stream().filter(name -> name.startsWith(prefix)
                    && !read.get(0).columns().contains(name)).toList();
            assertThat(encoded).as(what).containsExactlyElementsOf(labels.stream().map(label -> prefix + label).toList());
            return;
        }
        JsonNode parameters = node.parameters().path("ordinal_encode_parameters");
        String output = parameters.path("output_column").asText("");
        int codeIndex = out.columns().indexOf(output.isEmpty() ? column : output);
        int textIndex = read.get(0).columns().indexOf(column);
        List<Object[]> kept = read.get(0).rows().stream()
                .filter(row -> !parameters.path("invalid_handling_strategy").asText().equals("Skip") || labels.contains(text(row[textIndex])))
                .toList();
        assertThat(out.size()).as(what).isEqualTo(kept.size());
        for (int r = 0; r < kept.size(); r++) {
            int expected = labels.indexOf(text(kept.get(r)[textIndex]));
            Object code = out.rows().get(r)[codeIndex];
            if (expected < 0) {
                assertThat(code).as(what + ", row " + r + " (not a trained category)").isNull();
            } else {
                assertThat(code).as(what + ", row " + r).isEqualTo((double) expected);
            }
        }
    }

    private static List<Integer> allColumns(Table table) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static boolean missing(Object value) {
        return value == null || value instanceof String text && text.isBlank() || value instanceof Double number && number.isNaN();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Path> inputs(String name) throws IOException {
        Path data = corpus().resolve("data").resolve(name);
        Map<String, Path> inputs = new LinkedHashMap<>();
        JSON.readTree(data.resolve("sources.json").toFile()).fields()
                .forEachRemaining(source -> inputs.put(source.getKey(), data.resolve(source.getValue().asText())));
        return inputs;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pysparkImportable() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process process = new ProcessBuilder(python, "-c", "import pyspark").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() == 0) {
                    return true;
                }
            } catch (IOException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
