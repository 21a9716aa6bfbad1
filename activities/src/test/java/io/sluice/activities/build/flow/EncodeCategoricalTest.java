package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.corpusNode;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EncodeCategoricalTest {
    /** policy_state's trained categories are ca, wa, az, or, nv, id; tx was never seen. */
    static final String POLICIES = """
            policy_id,policy_state
            1,id
            2,id
            3,tx
            4,ca
            5,
            """;

    @Test
    void oneHot_usesTheTrainedCategoriesInTheirOrder_notThoseOfTheData() {
        Table out = run(POLICIES, corpusNode("amazon-sagemaker-examples__customers", "ad057faa", "hot"));

        assertThat(out.columns()).containsExactly("policy_id", "policy_state_ca", "policy_state_wa", "policy_state_az",
                "policy_state_or", "policy_state_nv", "policy_state_id");
        assertThat(out.rows().get(0)).containsExactly("1", 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        assertThat(out.rows().get(3)).containsExactly("4", 1.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void oneHotKeep_givesUnseenAndMissingCategoriesNoColumn_andKeepsTheirRows() {
        Table out = run(POLICIES, corpusNode("amazon-sagemaker-examples__customers", "ad057faa", "hot"));

        assertThat(out.size()).isEqualTo(5);
        assertThat(Arrays.asList(out.rows().get(2)).subList(1, 7)).containsOnly(0.0);
        assertThat(Arrays.asList(out.rows().get(4)).subList(1, 7)).containsOnly(0.0);
    }

    @Test
    void oneHotVector_hasASlotPerCategory_andAlastOneForInvalidWithKeep() {
        Table out = run("""
                city
                b
                a
                b
                z
                """, node("hot", "sagemaker.spark.encode_categorical_0.1", "{\"operator\":\"One-hot encode\",\"one_hot_encode_parameters\":"
                + "{\"input_column\":\"city\",\"output_style\":\"Vector\",\"invalid_handling_strategy\":\"Keep\",\"drop_last\":false}}"));

        assertThat(column(out, "city")).containsExactly("[1.0,0.0,0.0,0.0]", "[0.0,1.0,0.0,0.0]", "[1.0,0.0,0.0,0.0]",
                "[0.0,0.0,1.0,0.0]");
    }

    @Test
    void oneHotWithOutputColumn_keepsTheInputAndAppendsTheEncoding() {
        Table out = run("id,sex\n1,f\n2,m\n3,f\n", node("hot", "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\":\"One-hot encode\",\"one_hot_encode_parameters\":{\"input_column\":\"sex\",\"output_column\":\"sex_1hot\","
                        + "\"output_style\":\"Columns\",\"invalid_handling_strategy\":\"Keep\",\"drop_last\":false}}"));

        assertThat(out.columns()).containsExactly("id", "sex", "sex_1hot_f", "sex_1hot_m");
    }

    @Test
    void ordinalSkip_dropsRowsOfUnseenCategories_andReplaceWithNaNLeavesThemMissing() {
        String skip = "{\"operator\":\"Ordinal encode\",\"ordinal_encode_parameters\":{\"input_column\":\"c\",\"invalid_handling_strategy\":\"Skip\"}}";
        String nan = skip.replace("Skip", "Replace with NaN");
        String data = "id,c\n1,x\n2,y\n3,x\n4,\n";

        Table skipped = run(data, node("o", "sagemaker.spark.encode_categorical_0.1", skip));
        Table replaced = run(data, node("o", "sagemaker.spark.encode_categorical_0.1", nan));

        assertThat(column(skipped, "c")).containsExactly(0.0, 1.0, 0.0);
        assertThat(column(replaced, "c")).containsExactly(0.0, 1.0, 0.0, null);
    }

    @Test
    void invalidWithError_failsNamingTheValueAndTheCategories() {
        String error = "{\"operator\":\"Ordinal encode\",\"ordinal_encode_parameters\":{\"input_column\":\"policy_state\","
                + "\"invalid_handling_strategy\":\"Error\"}}";
        String trained = corpusNode("amazon-sagemaker-examples__customers", "ad057faa", "o")
                .replace("\"One-hot encode\"", "\"Ordinal encode\"").replace("one_hot_encode_parameters", "ordinal_encode_parameters");
        String node = trained.replaceFirst("\"parameters\":\\{.*?\\}\\},", "\"parameters\":" + error + ",");

        assertThatThrownBy(() -> run(POLICIES, node))
                .hasMessageContaining("column 'policy_state' has the value 'tx', which is not among its categories [ca, wa, az, or, nv, id]");
    }

    @Test
    void withoutTrainedParameters_categoriesAreFittedMostFrequentFirst() {
        Table out = run(POLICIES, node("o", "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\":\"Ordinal encode\",\"ordinal_encode_parameters\":{\"input_column\":\"policy_state\",\"invalid_handling_strategy\":\"Keep\"}}"));

        assertThat(column(out, "policy_state")).containsExactly(0.0, 0.0, 2.0, 1.0, 3.0);
    }
}
