package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static io.sluice.activities.build.flow.TestFlows.typed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandleOutliersTest {
    /** Mean 10, sample standard deviation 10 (values 0, 0, 10, 20, 20 and one missing). */
    static final String VALUES = "id,x\n1,0\n2,0\n3,10\n4,20\n5,20\n6,\n";

    @Test
    void standardDeviations_clipByDefault_removeOrInvalidate() {
        assertThat(column(outliers(""), "x")).containsExactly(5.0, 5.0, 10L, 15.0, 15.0, null);
        assertThat(column(outliers(",\"fix_method\":\"Remove\""), "id")).containsExactly(3L, 6L);
        assertThat(column(outliers(",\"fix_method\":\"Invalidate\""), "x")).containsExactly(null, null, 10L, null, null, null);
    }

    @Test
    void withinTheBounds_nothingChanges() {
        assertThat(column(run(VALUES, typed(), node("o", "sagemaker.spark.handle_outliers_0.1", "{\"operator\":\"Standard deviation numeric outliers\","
                + "\"standard_deviation_numeric_outliers_parameters\":{\"standard_deviations\":4,\"input_column\":[\"x\"]}}")), "x"))
                .containsExactly(0L, 0L, 10L, 20L, 20L, null);
    }

    private static Table outliers(String fix) {
        return run(VALUES, typed(), node("o", "sagemaker.spark.handle_outliers_0.1", "{\"operator\":\"Standard deviation numeric outliers\","
                + "\"standard_deviation_numeric_outliers_parameters\":{\"standard_deviations\":0.5,\"input_column\":[\"x\"]" + fix + "}}"));
    }
}
