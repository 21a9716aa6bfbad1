package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Spark ML model Data Wrangler fitted when a step was defined, as a {@code .flow} keeps it in
 * {@code trained_parameters}: the model's saved directory (a {@code metadata} JSON file and a
 * {@code data} parquet file), zipped and encoded in base85 (Python's {@code b85encode} alphabet).
 *
 * @param className the Spark class, e.g. {@code org.apache.spark.ml.feature.StringIndexerModel}
 * @param parameters the model's {@code paramMap}
 * @param data the rows of its data file
 */
record TrainedModel(String className, JsonNode parameters, List<Map<String, Object>> data) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

    /**
     * The model at {@code path} under the node's trained parameters, if the flow has one there
     * that can be read. One that is there but cannot be read (a published flow's text cut or
     * altered) is warned of, and the step fits on the data as it would without one.
     */
    static Optional<TrainedModel> at(FlowNode node, String... path) {
        JsonNode value = node.trainedParameters();
        for (String key : path) {
            value = value.path(key);
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(base85(value.asText())));
        } catch (IOException | IllegalArgumentException | FlowException e) {
            NodeWarnings.warn("its trained parameters at " + String.join(".", path) + " cannot be read (" + e.getMessage()
                    + "); fitted on the data instead");
            return Optional.empty();
        }
    }

    /** The labels of a StringIndexerModel (its first input column's), in index order. */
    List<String> labels(FlowNode node) {
        Map<String, Object> row = onlyRow(node);
        Object labels = row.containsKey("labelsArray") ? first(row.get("labelsArray")) : row.get("labels");
        if (!(labels instanceof List<?> list)) {
            throw FlowException.at(node, "its trained " + simpleName() + " has no labels");
        }
        List<String> texts = new ArrayList<>();
        list.forEach(label -> texts.add(label == null ? null : label.toString()));
        return texts;
    }

    /** The values of a dense or sparse Spark ML vector field of the model's data, e.g. a scaler's {@code mean}. */
    List<Double> vector(FlowNode node, String field) {
        Object value = onlyRow(node).get(field);
        if (!(value instanceof Map<?, ?> vector) || !(vector.get("values") instanceof List<?> values)) {
            throw FlowException.at(node, "its trained " + simpleName() + " has no vector '" + field + "'");
        }
        List<Double> numbers = new ArrayList<>();
        if (vector.get("indices") instanceof List<?> indices && vector.get("size") instanceof Long size) {
            for (int i = 0; i < size; i++) {
                numbers.add(0.0);
            }
            for (int i = 0; i < indices.size(); i++) {
                numbers.set(((Number) indices.get(i)).intValue(), ((Number) values.get(i)).doubleValue());
            }
            return numbers;
        }
        values.forEach(number -> numbers.add(((Number) number).doubleValue()));
        return numbers;
    }

    /** A list field of the model's data, e.g. a CountVectorizerModel's {@code vocabulary}. */
    List<?> list(FlowNode node, String field) {
        if (!(onlyRow(node).get(field) instanceof List<?> list)) {
            throw FlowException.at(node, "its trained " + simpleName() + " has no list '" + field + "'");
        }
        return list;
    }

    private Map<String, Object> onlyRow(FlowNode node) {
        if (data.size() != 1) {
            throw FlowException.at(node, "its trained " + simpleName() + " has " + data.size() + " data rows; expected 1");
        }
        return data.get(0);
    }

    private String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Object first(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
    }

    private static TrainedModel read(byte[] zip) throws IOException {
        JsonNode metadata = null;
        byte[] data = null;
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String name = entry.getName();
                if (name.equals("metadata/part-00000")) {
                    metadata = JSON.readTree(entries.readAllBytes());
                } else if (name.startsWith("data/part-") && name.endsWith(".parquet")) {
                    data = entries.readAllBytes();
                }
            }
        }
        if (metadata == null) {
            throw new IllegalArgumentException("the saved model has no metadata/part-00000");
        }
        return new TrainedModel(metadata.path("class").asText(""), metadata.path("paramMap"),
                data == null ? List.of() : Parquet.records(data));
    }

    /** Decodes base85 text in Python's {@code b85encode} alphabet. */
    static byte[] base85(String text) {
        int groups = (text.length() + 4) / 5;
        int padding = groups * 5 - text.length();
        byte[] out = new byte[groups * 4];
        for (int group = 0; group < groups; group++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                int position = group * 5 + i;
                int digit = position < text.length() ? BASE85.indexOf(text.charAt(position)) : 84;
                if (digit < 0) {
                    throw new IllegalArgumentException("'" + text.charAt(position) + "' at " + position + " is not base85");
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("base85 group " + group + " overflows 32 bits");
            }
            for (int i = 3; i >= 0; i--) {
                out[group * 4 + i] = (byte) value;
                value >>>= 8;
            }
        }
        return java.util.Arrays.copyOf(out, out.length - padding);
    }
}
