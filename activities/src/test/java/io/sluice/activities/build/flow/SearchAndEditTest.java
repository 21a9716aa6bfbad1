package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchAndEditTest {
    static final String READMISSIONS = "id,readmitted\n1,>30\n2,NO\n3,<30\n4,\n";

    @Test
    void findAndReplace_replacesEveryMatchOfTheRegularExpression_intoTheOutputColumn() {
        Table out = run(READMISSIONS, node("e", "sagemaker.spark.search_and_edit_0.1", "{\"operator\":\"Find and replace substring\","
                + "\"find_and_replace_substring_parameters\":{\"input_column\":\"readmitted\",\"pattern\":\">30|<30\",\"replacement\":\"1\","
                + "\"output_column\":\"readmitted_1\"}}"));

        assertThat(out.columns()).containsExactly("id", "readmitted", "readmitted_1");
        assertThat(column(out, "readmitted_1")).containsExactly("1", "NO", "1", "");
    }

    @Test
    void convertRegexToMissing_andExtract() {
        Table missing = run(READMISSIONS, node("e", "sagemaker.spark.search_and_edit_0.1", "{\"operator\":\"Convert regex to missing\","
                + "\"convert_regex_to_missing_parameters\":{\"input_column\":\"readmitted\",\"pattern\":\"NO\"}}"));
        Table extracted = run(READMISSIONS, node("e", "sagemaker.spark.search_and_edit_0.1", "{\"operator\":\"Extract using regex\","
                + "\"extract_using_regex_parameters\":{\"input_column\":\"readmitted\",\"pattern\":\"[0-9]+\"}}"));

        assertThat(column(missing, "readmitted")).containsExactly(">30", null, "<30", "");
        assertThat(column(extracted, "readmitted")).containsExactly("30", "", "30", "");
    }

    @Test
    void aPatternThatIsNotARegularExpression_isNamed() {
        assertThatThrownBy(() -> run(READMISSIONS, node("e", "sagemaker.spark.search_and_edit_0.1", "{\"operator\":\"Find and replace substring\","
                + "\"find_and_replace_substring_parameters\":{\"input_column\":\"readmitted\",\"pattern\":\"(\",\"replacement\":\"\"}}")))
                .hasMessageStartingWith("node e (sagemaker.spark.search_and_edit_0.1): pattern '(' is not a regular expression");
    }
}
