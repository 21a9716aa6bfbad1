package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatStringTest {
    static final String NAMES = "id,name\n1,  Ann-Marie! \n2,bob\n3,\n";

    @Test
    void eachTransform_formatsTheColumn_andMissingStaysMissing() {
        assertThat(format("Lower case", "")).containsExactly("  ann-marie! ", "bob", "");
        assertThat(format("Upper case", "")).containsExactly("  ANN-MARIE! ", "BOB", "");
        assertThat(format("Strip left and right", "")).containsExactly("Ann-Marie!", "bob", "");
        assertThat(format("Strip left", "")).containsExactly("Ann-Marie! ", "bob", "");
        assertThat(format("Remove symbols", ",\"symbols\":\"!-\"")).containsExactly("  AnnMarie ", "bob", "");
        assertThat(format("Remove symbols", "")).containsExactly("  AnnMarie ", "bob", "");
        assertThat(format("Left pad", ",\"length\":5,\"fill_character\":\"*\"")).containsExactly("  Ann", "**bob", "*****");
        assertThat(format("Prepend zeros", ",\"length\":5")).containsExactly("  Ann-Marie! ", "00bob", "00000");
        assertThat(format("Add suffix", ",\"suffix\":\"_x\"")).containsExactly("  Ann-Marie! _x", "bob_x", "_x");
        assertThat(format("Swap case", "")).containsExactly("  aNN-mARIE! ", "BOB", "");
        assertThat(format("Center", ",\"length\":6,\"fill_character\":\".\"")).containsExactly("  Ann-Marie! ", ".bob..", "......");
    }

    @Test
    void outputColumn_keepsTheInput() {
        Table out = run(NAMES, node("f", "sagemaker.spark.format_string_0.1",
                "{\"operator\":\"Upper case\",\"upper_case_parameters\":{\"input_column\":\"name\",\"output_column\":\"loud\"}}"));

        assertThat(out.columns()).containsExactly("id", "name", "loud");
        assertThat(column(out, "loud")).containsExactly("  ANN-MARIE! ", "BOB", "");
    }

    private static java.util.List<Object> format(String transform, String extra) {
        String key = transform.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "_parameters";
        return column(run(NAMES, node("f", "sagemaker.spark.format_string_0.1", "{\"operator\":\"" + transform + "\",\"" + key
                + "\":{\"input_column\":\"name\"" + extra + "}}")), "name");
    }
}
