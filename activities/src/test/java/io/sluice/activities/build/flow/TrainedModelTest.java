package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.corpusNode;
import static io.sluice.activities.build.flow.TestFlows.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainedModelTest {
    @Test
    void base85_decodesPythonsAlphabetIncludingAShortLastGroup() {
        assertThat(TrainedModel.base85("Q*3o<V`U&_Y;SjS0RJH"))
                .isEqualTo("Sluice flows\u0000\u00ff!".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TrainedModel.base85("ab\"cd")).hasMessageContaining("not base85");
    }

    @Test
    void stringIndexer_ofARealFlow_hasItsLabelsInIndexOrder() {
        FlowNode node = parse(corpusNode("amazon-sagemaker-examples__customers", "ad057faa", "n"));

        TrainedModel model = TrainedModel.at(node, "one_hot_encode_parameters", "string_indexer_model").orElseThrow();

        assertThat(model.className()).isEqualTo("org.apache.spark.ml.feature.StringIndexerModel");
        assertThat(model.labels(node)).containsExactly("ca", "wa", "az", "or", "nv", "id");
        assertThat(model.parameters().path("handleInvalid").asText()).isEqualTo("keep");
    }

    @Test
    void minMaxScaler_ofARealFlow_hasTheFittedRange() {
        FlowNode node = parse(corpusNode("SageMaker-Data-Wrangler-L400-Workshop__hotel-booking", "2bdf66f9", "n"));

        TrainedModel model = TrainedModel.at(node, "scale_values_parameters", "min_max_scaler_parameters", "scaler_model").orElseThrow();

        assertThat(model.vector(node, "originalMin")).containsExactly(0.0);
        assertThat(model.vector(node, "originalMax").get(0)).isCloseTo(430.0096, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void unreadableTrainedParameters_areWarnedOf_andTheStepFitsInstead() {
        FlowNode node = parse(corpusNode("sm-data-wrangler-mlops-workflows__flow-01-15-12-49-4bd733e0", "a9dcc572", "n"));
        List<String> warnings = new ArrayList<>();

        var model = NodeWarnings.collect(warnings, () -> TrainedModel.at(node, "ordinal_encode_parameters", "string_indexer_model"));

        assertThat(model).isEmpty();
        assertThat(warnings).singleElement().asString()
                .contains("trained parameters at ordinal_encode_parameters.string_indexer_model cannot be read", "fitted on the data instead");
    }

    @Test
    void noTrainedParameters_isNoModel() {
        FlowNode node = parse("{\"node_id\":\"n\",\"type\":\"TRANSFORM\",\"operator\":\"x\",\"parameters\":{},\"inputs\":[],\"outputs\":[]}");

        assertThat(TrainedModel.at(node, "one_hot_encode_parameters", "string_indexer_model")).isEmpty();
    }

    private static FlowNode parse(String node) {
        return FlowFile.parse(flow(List.of(node))).node("n");
    }
}
