package io.sluice.activities.build.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Data Wrangler {@code .flow} file: its nodes by id. */
public record FlowFile(Map<String, FlowNode> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public FlowFile {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** Parses the JSON of a {@code .flow} file. */
    public static FlowFile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FlowException("the flow is not JSON: " + e.getOriginalMessage());
        }
        JsonNode nodes = root.path("nodes");
        if (!nodes.isArray() || nodes.isEmpty()) {
            throw new FlowException("the flow has no nodes; expected a Data Wrangler .flow file with a nodes array");
        }
        Map<String, FlowNode> parsed = new LinkedHashMap<>();
        for (JsonNode node : nodes) {
            String id = node.path("node_id").asText("");
            if (id.isEmpty()) {
                throw new FlowException("a node has no node_id");
            }
            List<FlowNode.Input> inputs = new ArrayList<>();
            for (JsonNode input : node.path("inputs")) {
                inputs.add(new FlowNode.Input(input.path("node_id").asText(), input.path("output_name").asText("default")));
            }
            List<String> outputs = new ArrayList<>();
            for (JsonNode output : node.path("outputs")) {
                outputs.add(output.path("name").asText("default"));
            }
            JsonNode trained = node.has("trained_parameters") ? node.get("trained_parameters") : MissingNode.getInstance();
            parsed.put(id, new FlowNode(id, node.path("type").asText(""), node.path("operator").asText(""),
                    node.path("parameters"), trained, inputs, outputs));
        }
        return new FlowFile(parsed);
    }

    /** The node {@code id}; fails naming it when the flow has none. */
    public FlowNode node(String id) {
        FlowNode node = nodes.get(id);
        if (node == null) {
            throw new FlowException("the flow has no node " + id);
        }
        return node;
    }
}
