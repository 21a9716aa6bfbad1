package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static io.sluice.activities.build.flow.TestFlows.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CustomFormulaTest {
    static final String TRACKS = "id,valence,energy,genre\n1,0.5,1.0,Pop\n2,1.0,0.0,Rap\n3,,0.5,\n";

    @Test
    void formula_isEvaluatedPerRow_inOrder_intoItsOutputColumn() {
        Table out = run(TRACKS, typed(), formula("danceability", "0.3*valence + 0.1*energy"));

        assertThat(out.columns()).containsExactly("id", "valence", "energy", "genre", "danceability");
        assertThat(column(out, "danceability")).satisfiesExactly(
                value -> assertThat((Double) value).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9)),
                value -> assertThat((Double) value).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9)),
                value -> assertThat(value).isNull());
    }

    @Test
    void sparkSqlCaseAndStringFunctions_replaceAnExistingColumn() {
        Table out = run(TRACKS, typed(), formula("genre", "CASE WHEN genre IS NULL THEN 'unknown' ELSE lower(genre) END"));

        assertThat(out.columns()).containsExactly("id", "valence", "energy", "genre");
        assertThat(column(out, "genre")).containsExactly("pop", "rap", "unknown");
    }

    @Test
    void aFormulaThatCannotBeRead_namesTheNodeAndTheFormula() {
        assertThatThrownBy(() -> run(TRACKS, formula("x", "valence +* 2")))
                .hasMessageStartingWith("node f (sagemaker.spark.custom_formula_0.1): formula 'valence +* 2' cannot be evaluated:");
    }

    private static String formula(String output, String formula) {
        return node("f", "sagemaker.spark.custom_formula_0.1", "{\"output_column\":\"" + output + "\",\"formula\":\"" + formula + "\"}");
    }
}
