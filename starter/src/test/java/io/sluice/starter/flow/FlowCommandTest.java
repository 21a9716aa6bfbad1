package io.sluice.starter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.starter.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowCommandTest {
    static final String PEOPLE = """
            id,age,city
            1,34,paris
            2,,lyon
            3,45,paris
            4,29,
            """;

    @TempDir
    Path directory;

    @Test
    void check_listsNodesInOrderWithWhetherLocalModeRunsThem_andTheOutputs() throws Exception {
        Path flow = write(flow(source(), transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src"),
                transform("code", "sagemaker.spark.dimensionality_reduction_0.1", "{}", "cast"),
                transform("drop", "sagemaker.spark.handle_missing_0.1",
                        "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"input_column\":\"age\"}}", "cast")));

        CliRun run = CliRun.of("flow", "check", flow.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(1)).contains("src", "SOURCE", "s3_source_0.1", "local: yes");
        assertThat(lines.get(2)).contains("cast", "spark.infer_and_cast_type_0.1", "local: yes");
        assertThat(lines.get(3)).contains("code", "spark.dimensionality_reduction_0.1", "local: no, operator is not supported in local mode");
        assertThat(lines.get(4)).contains("drop", "spark.handle_missing_0.1 / Drop missing", "local: yes");
        assertThat(run.out()).contains("people.csv  (node src)", "code.default  local: no, node code (sagemaker.spark.dimensionality_reduction_0.1)",
                "drop.default  local: yes");
    }

    @Test
    void checkJson_hasTheSameInAStableShape() throws Exception {
        Path flow = write(flow(source(), transform("code", "sagemaker.spark.dimensionality_reduction_0.1", "{}", "src")));

        CliRun run = CliRun.of("flow", "check", flow.toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("nodes")).hasSize(2);
        assertThat(json.path("nodes").get(1).path("id").asText()).isEqualTo("code");
        assertThat(json.path("nodes").get(1).path("local").asBoolean()).isFalse();
        assertThat(json.path("nodes").get(1).path("reason").asText()).isEqualTo("operator is not supported in local mode");
        assertThat(json.path("sources").get(0).path("name").asText()).isEqualTo("people.csv");
        assertThat(json.path("outputs").get(0).path("output").asText()).isEqualTo("code.default");
        assertThat(json.path("outputs").get(0).path("local").asBoolean()).isFalse();
    }

    @Test
    void run_writesEachRequestedOutputAndPrintsRowsPerNode() throws Exception {
        Path flow = write(flow(source(), transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src"),
                transform("drop", "sagemaker.spark.handle_missing_0.1",
                        "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"dimension\":\"Drop Rows\","
                                + "\"drop_rows_parameters\":{\"input_column\":\"age\"}}}", "cast")));
        Path data = Files.writeString(directory.resolve("people.csv"), PEOPLE);
        Path out = directory.resolve("out");

        CliRun run = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data, "--output", "drop=" + out);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).containsPattern("cast +spark.infer_and_cast_type_0.1 +4 +4 ")
                .containsPattern("drop +spark.handle_missing_0.1 / Drop missing +4 +3 ")
                .contains("wrote drop.default: 3 row(s) of 3 column(s) to " + out.resolve("part-00000.csv"));
        assertThat(Files.readString(out.resolve("part-00000.csv"))).isEqualTo("id,age,city\n1,34,paris\n3,45,paris\n4,29,\n");
    }

    @Test
    void runOutputDir_writesEveryOutputTheFlowEndsInWithAHeaderRow_andSampleReadsTheFirstRows() throws Exception {
        Path flow = write(flow(source(), transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src"),
                transform("rename", "sagemaker.spark.manage_columns_0.1",
                        "{\"operator\":\"Rename column\",\"rename_column_parameters\":{\"input_column\":\"age\",\"new_name\":\"years\"}}", "cast"),
                transform("drop", "sagemaker.spark.manage_columns_0.1",
                        "{\"operator\":\"Drop column\",\"drop_column_parameters\":{\"column_to_drop\":[\"city\"]}}", "cast")));
        Path data = Files.writeString(directory.resolve("people.csv"), PEOPLE);
        Path out = directory.resolve("all");

        CliRun run = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data, "--output-dir", out.toString(),
                "--sample", "2");
        Path rows = directory.resolve("rows");
        CliRun withoutHeader = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data, "--output",
                "rename=" + rows, "--sample", "2", "--no-header");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(out.resolve("rename.default/part-00000.csv"))).isEqualTo("id,years,city\n1,34,paris\n2,,lyon\n");
        assertThat(Files.readString(out.resolve("drop.default/part-00000.csv"))).isEqualTo("id,age\n1,34\n2,\n");
        assertThat(run.out().lines().filter(line -> line.startsWith("cast "))).hasSize(1);
        assertThat(withoutHeader.exitCode()).as(withoutHeader.err()).isEqualTo(0);
        assertThat(Files.readString(rows.resolve("part-00000.csv"))).isEqualTo("1,34,paris\n2,,lyon\n");
    }

    @Test
    void run_exits2NamingTheFirstUnsupportedNodeAndOperator_beforeRunningAny() throws Exception {
        Path flow = write(flow(source(), transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src"),
                transform("code", "sagemaker.spark.dimensionality_reduction_0.1", "{}", "cast"),
                transform("later", "sagemaker.spark.featurize_text_0.1", "{\"operator\":\"Vectorize\"}", "code")));
        Path data = Files.writeString(directory.resolve("people.csv"), PEOPLE);

        CliRun run = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data, "--output", "later=" + directory.resolve("o"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: node code (sagemaker.spark.dimensionality_reduction_0.1): operator is not supported in local mode");
        assertThat(run.out()).doesNotContain("s3_source_0.1");
    }

    @Test
    void run_exits2OnMissingOrUnknownInputsAndOutputs() throws Exception {
        Path flow = write(flow(source(), transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src")));
        Path data = Files.writeString(directory.resolve("people.csv"), PEOPLE);
        String out = directory.resolve("o").toString();

        CliRun noInput = CliRun.of("flow", "run", flow.toString(), "--output", "cast=" + out);
        CliRun unknownInput = CliRun.of("flow", "run", flow.toString(), "--input", "other.csv=" + data, "--output", "cast=" + out);
        CliRun noOutput = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data);
        CliRun unknownNode = CliRun.of("flow", "run", flow.toString(), "--input", "people.csv=" + data, "--output", "nope=" + out);
        CliRun noFlow = CliRun.of("flow", "check", directory.resolve("absent.flow").toString());

        assertThat(noInput.exitCode()).isEqualTo(2);
        assertThat(noInput.err()).contains("node src (sagemaker.s3_source_0.1): no --input people.csv=FILE for SOURCE dataset people.csv");
        assertThat(unknownInput.exitCode()).isEqualTo(2);
        assertThat(unknownInput.err()).contains("--input other.csv: the flow has no SOURCE dataset of that name; its sources are [people.csv]");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("give either --output NODE=DIR (one or more) or --output-dir DIR");
        assertThat(unknownNode.exitCode()).isEqualTo(2);
        assertThat(unknownNode.err()).contains("--output nope: the flow has no node nope");
        assertThat(noFlow.exitCode()).isEqualTo(2);
        assertThat(noFlow.err()).contains("absent.flow does not exist");
    }

    @Test
    void athenaSource_isRunOnItsGivenResult_andWithoutOneExits2SayingWhatToGive() throws Exception {
        String athena = "{\"node_id\":\"q\",\"type\":\"SOURCE\",\"operator\":\"sagemaker.athena_source_0.1\",\"parameters\":"
                + "{\"dataset_definition\":{\"datasetSourceType\":\"Athena\",\"name\":\"people\",\"databaseName\":\"hr\","
                + "\"queryString\":\"SELECT * FROM people\",\"s3OutputLocation\":\"s3://bucket/athena/\",\"outputFormat\":\"parquet\"}},"
                + "\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
        Path flow = write(flow(athena, transform("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "q")));
        Path result = Files.writeString(directory.resolve("query-result.csv"), PEOPLE);
        Path out = directory.resolve("athena");

        CliRun check = CliRun.of("flow", "check", flow.toString());
        CliRun withoutResult = CliRun.of("flow", "run", flow.toString(), "--output-dir", out.toString());
        CliRun withResult = CliRun.of("flow", "run", flow.toString(), "--input", "people=" + result, "--output-dir", out.toString());

        assertThat(check.out()).contains("people  (node q): an Athena query; give its result, CSV with a header row or parquet");
        assertThat(withoutResult.exitCode()).isEqualTo(2);
        assertThat(withoutResult.err()).contains("error: node q (sagemaker.athena_source_0.1): no --input people=FILE for SOURCE "
                + "dataset people; local mode does not run its Athena query");
        assertThat(withResult.exitCode()).as(withResult.err()).isZero();
        assertThat(Files.readString(out.resolve("cast.default/part-00000.csv"))).startsWith("id,age,city\n1,34,paris\n");
    }

    private Path write(String flow) throws Exception {
        return Files.writeString(directory.resolve("test.flow"), flow);
    }

    static String source() {
        return "{\"node_id\":\"src\",\"type\":\"SOURCE\",\"operator\":\"sagemaker.s3_source_0.1\",\"parameters\":"
                + "{\"dataset_definition\":{\"datasetSourceType\":\"S3\",\"name\":\"people.csv\",\"s3ExecutionContext\":"
                + "{\"s3Uri\":\"s3://bucket/people.csv\",\"s3ContentType\":\"csv\",\"s3HasHeader\":true}}},"
                + "\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
    }

    static String transform(String id, String operator, String parameters, String input) {
        return "{\"node_id\":\"" + id + "\",\"type\":\"TRANSFORM\",\"operator\":\"" + operator + "\",\"parameters\":" + parameters
                + ",\"inputs\":[{\"name\":\"df\",\"node_id\":\"" + input + "\",\"output_name\":\"default\"}],\"outputs\":[{\"name\":\"default\"}]}";
    }

    static String flow(String... nodes) {
        return "{\"metadata\":{\"version\":1},\"nodes\":[" + String.join(",", nodes) + "]}";
    }
}
