package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.flow;
import static io.sluice.activities.build.flow.TestFlows.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTest {
    @TempDir
    Path directory;

    @Test
    void parquetSource_isReadWithItsTypes_andItsPartsAreStacked() throws Exception {
        byte[] first = parquet("SELECT 1::BIGINT AS id, 'ann' AS name, 2.5::DOUBLE AS score, true AS active");
        byte[] second = parquet("SELECT 2::BIGINT AS id, NULL::VARCHAR AS name, NULL::DOUBLE AS score, false AS active");
        String source = "{\"node_id\":\"src\",\"type\":\"SOURCE\",\"operator\":\"sagemaker.s3_source_0.1\",\"parameters\":"
                + "{\"dataset_definition\":{\"datasetSourceType\":\"S3\",\"name\":\"people\",\"s3ExecutionContext\":"
                + "{\"s3Uri\":\"s3://bucket/people/\",\"s3ContentType\":\"parquet\"}}},\"inputs\":[],\"outputs\":[{\"name\":\"default\"}]}";
        String drop = node("drop", "sagemaker.spark.manage_columns_0.1",
                "{\"operator\":\"Drop column\",\"drop_column_parameters\":{\"column_to_drop\":\"active\"}}", "src", "default");

        Table out = new FlowExecutor(FlowFile.parse(flow(List.of(source, drop))), ignored -> List.of(first, second))
                .run(List.of("drop.default")).get("drop.default");

        assertThat(out.columns()).containsExactly("id", "name", "score");
        assertThat(out.rows().get(0)).containsExactly(1L, "ann", 2.5);
        assertThat(out.rows().get(1)).containsExactly(2L, null, null);
    }

    @Test
    void athenaSourceGivenAParquetResult_readsItAsParquet() throws Exception {
        byte[] result = parquet("SELECT 7::BIGINT AS id, 'eve' AS name");

        Table out = new FlowExecutor(FlowFile.parse(flow(List.of(FlowExecutorTest.ATHENA_SOURCE))), ignored -> List.of(result))
                .run(List.of("q.default")).get("q.default");

        assertThat(out.columns()).containsExactly("id", "name");
        assertThat(out.rows()).singleElement().satisfies(row -> assertThat(row).containsExactly(7L, "eve"));
    }

    private byte[] parquet(String select) throws Exception {
        Path file = Files.createTempFile(directory, "part-", ".parquet");
        Files.delete(file);
        try (var connection = DriverManager.getConnection("jdbc:duckdb:"); var statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        return Files.readAllBytes(file);
    }
}
