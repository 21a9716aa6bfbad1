package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One node of a {@code .flow} file.
 *
 * @param id the node's id
 * @param type SOURCE, TRANSFORM, DATASET, DESTINATION or VISUALIZATION
 * @param operator e.g. {@code sagemaker.spark.handle_missing_0.1}
 * @param parameters the operator's parameters
 * @param trainedParameters fitted state, e.g. an inferred schema (may be empty)
 * @param inputs the nodes (and their outputs) this one reads, in order
 * @param outputs the names of this node's outputs
 */
public record FlowNode(String id, String type, String operator, JsonNode parameters, JsonNode trainedParameters,
        List<Input> inputs, List<String> outputs) {
    public FlowNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** This node without its trained parameters, so that its step fits on the data it reads. */
    FlowNode withoutTrainedParameters() {
        return new FlowNode(id, type, operator, parameters, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), inputs, outputs);
    }

    /** @param nodeId the node read; @param output which of its outputs */
    public record Input(String nodeId, String output) {}

    /** A required text parameter at {@code path} under {@code parameters}. */
    String text(JsonNode parent, String key) {
        JsonNode value = parent.path(key);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw FlowException.at(this, "parameter '" + key + "' is missing");
        }
        return value.asText();
    }

    /** A parameter that is one column name or a list of them. */
    List<String> columns(JsonNode parent, String key) {
        JsonNode value = parent.path(key);
        if (value.isTextual() && !value.asText().isEmpty()) {
            return List.of(value.asText());
        }
        if (value.isArray() && !value.isEmpty()) {
            return java.util.stream.StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
        }
        throw FlowException.at(this, "parameter '" + key + "' is missing; expected a column or a list of columns");
    }
}
