package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.flow;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static io.sluice.activities.build.flow.TestFlows.source;
import static io.sluice.activities.build.flow.TestFlows.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;


class FlowExecutorTest {
    static final String ATHENA_SOURCE = TestFlows.athenaSource("q", "applications", "s3://results/athena/", "parquet");
    static final String PEOPLE = """
            id,name,age,income,city
            1,ann,34,52000,paris
            2,bob,,61000,lyon
            3,cid,45,,paris
            4,dee,29,48000,
            5,eve,52,75000,paris
            """;

    @Test
    void inferAndCast_typesEachColumnFromItsValues() {
        Table out = run(PEOPLE, node("cast", "sagemaker.spark.infer_and_cast_type_0.1", "{}"));

        assertThat(out.rows().get(0)).containsExactly(1L, "ann", 34L, 52000L, "paris");
        assertThat(out.rows().get(1)[2]).isNull();
    }

    @Test
    void dropColumn_removesIt() {
        Table out = run(PEOPLE, node("t", "sagemaker.spark.manage_columns_0.1",
                "{\"operator\":\"Drop column\",\"drop_column_parameters\":{\"column_to_drop\":[\"id\",\"city\"]}}"));

        assertThat(out.columns()).containsExactly("name", "age", "income");
    }

    @Test
    void renameColumn_renamesIt() {
        Table out = run(PEOPLE, node("t", "sagemaker.spark.manage_columns_0.1",
                "{\"operator\":\"Rename column\",\"rename_column_parameters\":{\"input_column\":\"age\",\"new_name\":\"years\"}}"));

        assertThat(out.columns()).containsExactly("id", "name", "years", "income", "city");
    }

    @Test
    void moveColumn_toStartAndAfterATarget() {
        Table toStart = run(PEOPLE, node("t", "sagemaker.spark.manage_columns_0.1",
                "{\"operator\":\"Move column\",\"move_column_parameters\":{\"move_type\":\"Move to start\","
                        + "\"move_to_start_parameters\":{\"column_to_move\":\"income\"}}}"));
        Table after = run(PEOPLE, node("t", "sagemaker.spark.manage_columns_0.1",
                "{\"operator\":\"Move column\",\"move_column_parameters\":{\"move_type\":\"Move after\","
                        + "\"move_after_parameters\":{\"column_to_move\":\"id\",\"target_column\":\"age\"}}}"));

        assertThat(toStart.columns()).containsExactly("income", "id", "name", "age", "city");
        assertThat(toStart.rows().get(0)[0]).isEqualTo("52000");
        assertThat(after.columns()).containsExactly("name", "age", "id", "income", "city");
    }

    @Test
    void imputeMean_fillsMissingNumbersWithTheMean() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Impute\",\"impute_parameters\":{\"column_type\":\"Numeric\","
                        + "\"numeric_parameters\":{\"strategy\":\"Mean\",\"input_column\":\"income\"}}}"));

        assertThat(column(out, "income")).containsExactly(52000L, 61000L, 59000L, 48000L, 75000L);
    }

    @Test
    void imputeMedian_fillsMissingNumbersWithTheMedian() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Impute\",\"impute_parameters\":{\"column_type\":\"Numeric\","
                        + "\"numeric_parameters\":{\"strategy\":\"Approximate Median\",\"input_column\":\"age\"}}}"));

        assertThat(column(out, "age")).containsExactly(34L, 39.5, 45L, 29L, 52L);
    }

    @Test
    void imputeCategorical_fillsWithTheMostFrequent() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Impute\",\"impute_parameters\":{\"column_type\":\"Categorical\","
                        + "\"categorical_parameters\":{\"input_column\":\"city\"}}}"));

        assertThat(column(out, "city")).containsExactly("paris", "lyon", "paris", "paris", "paris");
    }

    @Test
    void fillMissing_usesTheConstant() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Fill missing\",\"fill_missing_parameters\":{\"input_column\":\"city\",\"fill_value\":\"unknown\"}}"));

        assertThat(column(out, "city")).containsExactly("paris", "lyon", "paris", "unknown", "paris");
    }

    @Test
    void dropMissing_dropsRowsWithAMissingValue() {
        Table inColumn = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"input_column\":\"age\"}}"));
        Table anywhere = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{}}"));

        assertThat(column(inColumn, "id")).containsExactly(1L, 3L, 4L, 5L);
        assertThat(column(anywhere, "id")).containsExactly(1L, 5L);
    }

    @Test
    void dropMissing_readsTheColumnUnderDropRowsParametersAsRealFlowsWriteIt() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"dimension\":\"Drop Rows\","
                        + "\"drop_rows_parameters\":{\"input_column\":\"income\"}},"
                        + "\"impute_parameters\":{\"column_type\":\"Numeric\",\"numeric_parameters\":{\"strategy\":\"Approximate Median\"}}}"));

        assertThat(column(out, "id")).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void dropMissing_refusesDroppingColumns() {
        assertThatThrownBy(() -> run(PEOPLE, node("d", "sagemaker.spark.handle_missing_0.1",
                "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"dimension\":\"Drop Columns\"}}")))
                .hasMessage("node d (sagemaker.spark.handle_missing_0.1): drop_missing_parameters.dimension 'Drop Columns' "
                        + "is not supported in local mode; expected Drop Rows");
    }

    @Test
    void unsupportedNode_isNamedBeforeAnythingRuns() {
        List<String> ran = new java.util.ArrayList<>();
        String flow = flow(List.of(source(), node("a", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src", "default"),
                node("b", "sagemaker.spark.dimensionality_reduction_0.1", "{\"operator\":\"Principal component analysis\"}", "a", "default"),
                node("c", "sagemaker.spark.custom_formula_0.1", "{\"formula\":\"1\"}", "b", "default")));
        var executor = new FlowExecutor(FlowFile.parse(flow), ignored -> List.of(PEOPLE.getBytes(StandardCharsets.UTF_8)))
                .listener((node, rowsIn, outputs, nanos) -> ran.add(node.id()));

        assertThatThrownBy(() -> executor.run(List.of("c.default")))
                .hasMessage("node b (sagemaker.spark.dimensionality_reduction_0.1): operator is not supported in local mode");
        assertThat(ran).isEmpty();
    }

    @Test
    void listener_hearsEachNodeOnceWithItsRowsInAndOut_andSampleLimitsSources() {
        List<String> heard = new java.util.ArrayList<>();
        String flow = flow(List.of(source(), node("a", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src", "default"),
                node("d", "sagemaker.spark.handle_missing_0.1",
                        "{\"operator\":\"Drop missing\",\"drop_missing_parameters\":{\"input_column\":\"age\"}}", "a", "default")));
        new FlowExecutor(FlowFile.parse(flow), ignored -> List.of(PEOPLE.getBytes(StandardCharsets.UTF_8))).sample(3)
                .listener((node, rowsIn, outputs, nanos) -> heard.add(node.id() + " " + rowsIn + " " + outputs.get("default").size()))
                .run(List.of("d.default", "a.default"));

        assertThat(heard).containsExactly("src [] 3", "a [3] 3", "d [3] 2");
    }

    @Test
    void terminalOutputs_areWhatNoNodeReads() {
        String split = "{\"operator\":\"Randomized split\",\"randomized_split_parameters\":{\"splits\":["
                + "{\"name\":\"train\",\"percentage\":0.8},{\"name\":\"test\",\"percentage\":0.2}]}}";
        String flow = flow(List.of(source(), node("a", "sagemaker.spark.infer_and_cast_type_0.1", "{}", "src", "default"),
                node("s", "sagemaker.spark.split_0.1", split, "a", "default").replace("[{\"name\":\"default\"}]",
                        "[{\"name\":\"train\"},{\"name\":\"test\"}]"),
                node("ds", "sagemaker.dataset.identity_0.1", "{}", "s", "train").replace("TRANSFORM", "DATASET")));

        assertThat(new FlowExecutor(FlowFile.parse(flow), ignored -> List.of(PEOPLE.getBytes(StandardCharsets.UTF_8))).terminalOutputs()).containsExactly("s.test", "ds.default");
    }

    @Test
    void oneHot_asColumnsDropsTheLeastFrequentAndSkipsMissing() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\":\"One-hot encode\",\"one_hot_encode_parameters\":{\"input_column\":\"city\","
                        + "\"invalid_handling_strategy\":\"Skip\",\"drop_last\":true,\"output_style\":\"Columns\"}}"));

        assertThat(out.columns()).containsExactly("id", "name", "age", "income", "city_paris");
        assertThat(column(out, "city_paris")).containsExactly(1.0, 0.0, 1.0, 1.0);
    }

    @Test
    void ordinal_numbersCategoriesByFrequency() {
        Table out = run(PEOPLE, typed(), node("t", "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\":\"Ordinal encode\",\"ordinal_encode_parameters\":{\"input_column\":\"city\","
                        + "\"invalid_handling_strategy\":\"Keep\"}}"));

        assertThat(column(out, "city")).containsExactly(0.0, 1.0, 0.0, 2.0, 0.0);
    }

    @Test
    void castSingle_turnsAColumnIntoFloatsAndNullsWhatDoesNotCast() {
        Table out = run("x,y\n1,a\n2.5,b\nzz,c\n", node("t", "sagemaker.spark.cast_single_data_type_0.1",
                "{\"column\":\"x\",\"original_data_type\":\"String\",\"data_type\":\"float\"}"));

        assertThat(column(out, "x")).containsExactly(1.0, 2.5, null);
    }

    @Test
    void randomizedSplit_isSeededAndKeepsEveryRowOnce() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append('\n');
        }
        String split = "{\"operator\":\"Randomized split\",\"randomized_split_parameters\":{\"splits\":["
                + "{\"name\":\"train\",\"percentage\":0.7},{\"name\":\"validation\",\"percentage\":0.2},"
                + "{\"name\":\"test\",\"percentage\":0.1}],\"error\":0.0001,\"seed\":7}}";
        String flow = flow(List.of(source(), node("s", "sagemaker.spark.split_0.1", split, "src", "default")));
        var executor = new FlowExecutor(FlowFile.parse(flow), ignored -> List.of(csv.toString().getBytes(StandardCharsets.UTF_8)));

        Map<String, Table> parts = executor.run(List.of("s.train", "s.validation", "s.test"));
        Map<String, Table> again = new FlowExecutor(FlowFile.parse(flow), ignored -> List.of(csv.toString().getBytes(StandardCharsets.UTF_8))).run(List.of("s.train"));

        assertThat(parts.get("s.train").size()).isEqualTo(70);
        assertThat(parts.get("s.validation").size()).isEqualTo(20);
        assertThat(parts.get("s.test").size()).isEqualTo(10);
        assertThat(parts.values().stream().flatMap(part -> part.rows().stream()).map(row -> row[0]).distinct().count()).isEqualTo(100);
        assertThat(again.get("s.train").rows()).extracting(row -> row[0])
                .containsExactlyElementsOf(parts.get("s.train").rows().stream().map(row -> row[0]).toList());
    }

    @Test
    void innerJoin_matchesOnTheKeysAndSuffixesSharedNames() {
        String flow = flow(List.of(
                source("left", "left.csv"), source("right", "right.csv"),
                "{\"node_id\":\"j\",\"type\":\"TRANSFORM\",\"operator\":\"sagemaker.spark.join_tables_0.1\","
                        + "\"parameters\":{\"left_column\":\"id\",\"right_column\":\"id\",\"join_type\":\"inner\"},"
                        + "\"inputs\":[{\"name\":\"df\",\"node_id\":\"left\",\"output_name\":\"default\"},"
                        + "{\"name\":\"df\",\"node_id\":\"right\",\"output_name\":\"default\"}],\"outputs\":[{\"name\":\"default\"}]}"));
        Map<String, String> files = Map.of("left.csv", "id,a\n1,x\n2,y\n3,z\n", "right.csv", "id,b\n2,q\n3,r\n4,s\n");

        Table out = new FlowExecutor(FlowFile.parse(flow), source -> List.of(files.get(source.name()).getBytes(StandardCharsets.UTF_8))).run(List.of("j.default")).get("j.default");

        assertThat(out.columns()).containsExactly("id_0", "a", "id_1", "b");
        assertThat(out.rows()).extracting(Arrays::asList)
                .containsExactly(List.of("2", "y", "2", "q"), List.of("3", "z", "3", "r"));
    }

    @Test
    void unsupportedOperator_namesTheNodeAndOperator() {
        assertThatThrownBy(() -> run(PEOPLE, node("n-42", "sagemaker.spark.dimensionality_reduction_0.1", "{}")))
                .isInstanceOf(FlowException.class)
                .hasMessage("node n-42 (sagemaker.spark.dimensionality_reduction_0.1): operator is not supported in local mode");
    }

    @Test
    void athenaSource_readsTheQueryResultItIsGiven_asCsvWithAHeaderRow() {
        var executor = new FlowExecutor(FlowFile.parse(flow(List.of(ATHENA_SOURCE))), source -> {
            assertThat(source.isAthenaQuery()).isTrue();
            assertThat(source.name()).isEqualTo("applications");
            return List.of("id,age\n1,34\n2,51\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });

        Table out = executor.run(List.of("q.default")).get("q.default");

        assertThat(out.columns()).containsExactly("id", "age");
        assertThat(out.size()).isEqualTo(2);
        assertThat(FlowExecutor.unsupported(FlowFile.parse(flow(List.of(ATHENA_SOURCE))).node("q"))).isEmpty();
    }

    @Test
    void unsupportedTransformOfASupportedOperator_namesItself() {
        assertThatThrownBy(() -> run(PEOPLE, node("n-7", "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\":\"Similarity encode\",\"similarity_encode_parameters\":{\"input_column\":\"city\"}}")))
                .hasMessage("node n-7 (sagemaker.spark.encode_categorical_0.1): transform 'Similarity encode' "
                        + "is not supported in local mode; it runs [One-hot encode, Ordinal encode]");
    }
}
