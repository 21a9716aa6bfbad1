package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static io.sluice.activities.build.flow.TestFlows.typed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManageRowsTest {
    static final String ROWS = "id,v\n1,b\n2,a\n1,b\n3,\n2,a\n10,c\n";

    @Test
    void dropDuplicates_keepsTheFirstOfEachDistinctRow_inOrder() {
        Table out = run(ROWS, node("d", "sagemaker.spark.manage_rows_0.1", "{\"operator\":\"Drop duplicates\",\"drop_duplicates_parameters\":{}}"));

        assertThat(column(out, "id")).containsExactly("1", "2", "3", "10");
    }

    @Test
    void sort_ordersNumbersByValue_missingFirstAscending() {
        Table ascending = run(ROWS, typed(), node("s", "sagemaker.spark.manage_rows_0.1",
                "{\"operator\":\"Sort\",\"sort_parameters\":{\"sort_by\":\"id\",\"order\":\"Ascending\"}}"));
        Table byText = run(ROWS, node("s", "sagemaker.spark.manage_rows_0.1",
                "{\"operator\":\"Sort\",\"sort_parameters\":{\"sort_by\":\"v\",\"order\":\"Descending\"}}"));

        assertThat(column(ascending, "id")).containsExactly(1L, 1L, 2L, 2L, 3L, 10L);
        assertThat(column(byText, "v")).containsExactly("c", "b", "b", "a", "a", "");
    }
}
