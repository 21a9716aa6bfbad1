package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.corpusNode;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeaturizeTextTest {
    static final String DESCRIPTIONS = "id,Description\n1,Red heart SET of red\n2,Blue box\n";

    @Test
    void vectorize_countsTermsOfTheTrainedVocabulary_intoInputFeatures() {
        Table out = run(DESCRIPTIONS, corpusNode("amazon-sagemaker-examples__retail_sales_preprocessing", "d7863d04", "v"));

        assertThat(out.columns()).containsExactly("id", "Description", "Description_features");
        String first = (String) column(out, "Description_features").get(0);
        String[] counts = first.substring(1, first.length() - 1).split(",");
        assertThat(counts[0]).as("'set' is the trained vocabulary's first term").isEqualTo("1.0");
        assertThat(counts[3]).as("'red', its fourth, twice").isEqualTo("2.0");
        assertThat(counts[4]).as("'heart', its fifth").isEqualTo("1.0");
        assertThat(counts[2]).as("'bag', not in the text").isEqualTo("0.0");
    }

    @Test
    void withoutTrainedVocabulary_termsAreFittedMostFrequentFirst_andIdfWeighs() {
        String parameters = "{\"operator\":\"Vectorize\",\"vectorize_parameters\":{\"tokenizer\":\"Standard\",\"vectorizer\":\"Count Vectorizer\","
                + "\"apply_idf\":\"%s\",\"output_format\":\"Vector\",\"input_column\":\"t\",\"output_column\":\"f\"}}";
        String texts = "id,t\n1,a b a\n2,b c\n";

        Table counted = run(texts, node("v", "sagemaker.spark.featurize_text_0.1", parameters.formatted("No")));
        Table weighted = run(texts, node("v", "sagemaker.spark.featurize_text_0.1", parameters.formatted("Yes")));

        assertThat(column(counted, "f")).containsExactly("[2.0,1.0,0.0]", "[0.0,1.0,1.0]");
        double rare = Math.log(3.0 / 2.0);
        assertThat(column(weighted, "f")).containsExactly("[" + 2 * rare + ",0.0,0.0]", "[0.0,0.0," + rare + "]");
    }
}
