package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.corpusNode;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleValuesTest {
    @Test
    void minMax_withTrainedRange_scalesByTheRangeTheFlowWasDefinedWith() {
        Table out = run("lead_time\n0\n215.0047832954114\n430.0095665908228\n", corpusNode("SageMaker-Data-Wrangler-L400-Workshop__hotel-booking",
                "2bdf66f9", "scale"));

        assertThat(column(out, "lead_time")).satisfiesExactly(
                value -> assertThat((Double) value).isCloseTo(0.0, within(1e-9)),
                value -> assertThat((Double) value).isCloseTo(0.5, within(1e-9)),
                value -> assertThat((Double) value).isCloseTo(1.0, within(1e-9)));
    }

    @Test
    void standard_withoutTrainedParameters_dividesBySampleStandardDeviation_andWritesTheOutputColumn() {
        Table out = run("id,x\n1,2\n2,4\n3,6\n4,\n", scaler("Standard scaler", "standard_scaler_parameters", "\"output_column\":\"x_scaled\""));

        assertThat(out.columns()).containsExactly("id", "x", "x_scaled");
        assertThat(column(out, "x_scaled")).containsExactly(1.0, 2.0, 3.0, null);
    }

    @Test
    void standardWithCenter_subtractsTheMean() {
        Table out = run("x\n2\n4\n6\n", scaler("Standard scaler", "standard_scaler_parameters", "\"center\":true"));

        assertThat(column(out, "x")).containsExactly(-1.0, 0.0, 1.0);
    }

    @Test
    void maxAbsolute_andRobust_andMissingStaysMissing() {
        Table maxAbsolute = run("id,x\n1,-4\n2,2\n3,\n", scaler("Max absolute scaler", "max_absolute_scaler_parameters", "\"output_column\":\"\""));
        Table robust = run("x\n1\n2\n3\n4\n", scaler("Robust scaler", "robust_scaler_parameters", "\"center\":true"));

        assertThat(column(maxAbsolute, "x")).containsExactly(-1.0, 0.5, null);
        assertThat(column(robust, "x")).containsExactly(-0.5, 0.0, 0.5, 1.0);
    }

    private static String scaler(String scaler, String key, String extra) {
        return node("scale", "sagemaker.spark.process_numeric_0.1", "{\"operator\":\"Scale values\",\"scale_values_parameters\":{\"scaler\":\""
                + scaler + "\",\"" + key + "\":{\"input_column\":\"x\"," + extra + "}}}");
    }
}
