package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sagemaker.spark.encode_categorical_0.1}: one-hot (as columns or a vector) and ordinal
 * encoding. The categories and their order are those of the StringIndexer model Data Wrangler
 * fitted when the step was defined ({@code trained_parameters}); only a step without one is fitted
 * on the data, as Spark's StringIndexer fits (most frequent first, ties in text order).
 *
 * <p>A value that is missing (null, blank or NaN) or not among the categories is invalid, and
 * {@code invalid_handling_strategy} says what happens: Skip drops the row, Error fails, Keep gives
 * it a category of its own after the known ones (ordinal: the index after the last; one-hot: a
 * last vector slot, and no column of its own in column output), Replace with NaN leaves the
 * encoding missing. One-hot columns are named {@code <output_column or input column>_<category>};
 * they take the input column's place, or, with an {@code output_column}, follow the last column
 * and the input column stays. {@code drop_last} leaves out the last slot.
 */
final class EncodeCategorical {
    private EncodeCategorical() {}

    static Table apply(FlowNode node, Table table) {
        JsonNode parameters = node.parameters();
        String operator = node.text(parameters, "operator");
        return switch (operator) {
            case "One-hot encode" -> oneHot(node, table, parameters.path("one_hot_encode_parameters"));
            case "Ordinal encode" -> ordinal(node, table, parameters.path("ordinal_encode_parameters"));
            default -> throw FlowException.at(node, "encode operator '" + operator + "' is not supported in local mode");
        };
    }

    private enum Invalid { SKIP, ERROR, KEEP, NAN }

    private static Invalid invalid(FlowNode node, JsonNode parameters) {
        String strategy = parameters.path("invalid_handling_strategy").asText("Error");
        return switch (strategy) {
            case "Skip" -> Invalid.SKIP;
            case "Error" -> Invalid.ERROR;
            case "Keep" -> Invalid.KEEP;
            case "Replace with NaN" -> Invalid.NAN;
            default -> throw FlowException.at(node, "invalid_handling_strategy '" + strategy
                    + "' is not supported; expected Skip, Error, Keep or Replace with NaN");
        };
    }

    private static Table oneHot(FlowNode node, Table table, JsonNode parameters) {
        String style = parameters.path("output_style").asText("Vector");
        if (!style.equals("Columns") && !style.equals("Vector")) {
            throw FlowException.at(node, "one-hot output_style '" + style + "' is not supported; expected Columns or Vector");
        }
        Invalid invalid = invalid(node, parameters);
        boolean dropLast = parameters.path("drop_last").asBoolean(true);
        List<String> inputs = node.columns(parameters, "input_column");
        Table result = table;
        for (String column : inputs) {
            int index = result.index(node, column);
            List<String> categories = categories(node, "one_hot_encode_parameters", column, inputs.size(), result.column(index));
            Map<String, Integer> positions = positions(categories);
            int slots = categories.size() + (invalid == Invalid.KEEP ? 1 : 0) - (dropLast ? 1 : 0);
            String output = parameters.path("output_column").asText("");
            boolean keepInput = !output.isEmpty() && !output.equals(column);
            String prefix = output.isEmpty() ? column : output;
            List<String> encodedNames = new ArrayList<>();
            int width;
            if (style.equals("Columns")) {
                width = Math.min(slots, categories.size());
                categories.subList(0, width).forEach(category -> encodedNames.add(prefix + "_" + category));
            } else {
                width = 1;
                encodedNames.add(prefix);
            }
            int at = keepInput ? result.columns().size() : index;
            int after = keepInput ? result.columns().size() : index + 1;
            List<String> names = new ArrayList<>(result.columns().subList(0, at));
            names.addAll(encodedNames);
            names.addAll(result.columns().subList(after, result.columns().size()));
            List<Object[]> rows = new ArrayList<>(result.size());
            for (Object[] row : result.rows()) {
                Integer position = position(node, column, row[index], positions, invalid);
                if (position == null && invalid == Invalid.SKIP) {
                    continue;
                }
                Object[] out = new Object[names.size()];
                System.arraycopy(row, 0, out, 0, at);
                boolean missing = position == null && invalid == Invalid.NAN;
                int slot = position != null ? position : categories.size();
                if (style.equals("Columns")) {
                    for (int i = 0; i < width; i++) {
                        out[at + i] = missing ? null : slot == i ? 1.0 : 0.0;
                    }
                } else {
                    double[] vector = new double[Math.max(0, slots)];
                    if (slot < vector.length) {
                        vector[slot] = 1.0;
                    }
                    out[at] = missing ? null : Vectors.text(vector);
                }
                System.arraycopy(row, after, out, at + width, row.length - after);
                rows.add(out);
            }
            result = new Table(names, rows);
        }
        return result;
    }

    private static Table ordinal(FlowNode node, Table table, JsonNode parameters) {
        Invalid invalid = invalid(node, parameters);
        List<String> inputs = node.columns(parameters, "input_column");
        Table result = table;
        for (String column : inputs) {
            int index = result.index(node, column);
            List<String> categories = categories(node, "ordinal_encode_parameters", column, inputs.size(), result.column(index));
            Map<String, Integer> positions = positions(categories);
            List<Object> codes = new ArrayList<>(result.size());
            List<Object[]> kept = new ArrayList<>(result.size());
            for (Object[] row : result.rows()) {
                Integer position = position(node, column, row[index], positions, invalid);
                if (position == null && invalid == Invalid.SKIP) {
                    continue;
                }
                kept.add(row);
                codes.add(position != null ? (Object) position.doubleValue()
                        : invalid == Invalid.KEEP ? (Object) (double) categories.size() : null);
            }
            String output = parameters.path("output_column").asText("");
            result = new Table(result.columns(), kept).withColumn(output.isEmpty() ? column : output, codes);
        }
        return result;
    }

    /** The category's index; null when the value is invalid and the strategy lets the row go on (or be skipped). */
    private static Integer position(FlowNode node, String column, Object value, Map<String, Integer> positions, Invalid invalid) {
        Integer position = Table.missing(value) ? null : positions.get(Table.text(value));
        if (position == null && invalid == Invalid.ERROR) {
            throw FlowException.at(node, "column '" + column + "' has " + (Table.missing(value) ? "a missing value" : "the value '" + value
                    + "', which is not among its categories " + positions.keySet()) + ", and invalid_handling_strategy is Error");
        }
        return position;
    }

    private static Map<String, Integer> positions(List<String> categories) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            positions.putIfAbsent(categories.get(i), i);
        }
        return positions;
    }

    /**
     * The trained categories of the column, when the step's model is for it (a model names its
     * input column, or the step encodes a single column); else those fitted on {@code values}.
     */
    private static List<String> categories(FlowNode node, String parametersKey, String column, int columns, List<Object> values) {
        return TrainedModel.at(node, parametersKey, "string_indexer_model")
                .filter(model -> columns == 1 || column.equals(model.parameters().path("inputCol").asText()))
                .map(model -> model.labels(node))
                .orElseGet(() -> fitted(values));
    }

    /** Distinct non-missing values, most frequent first, ties in text order. */
    static List<String> fitted(List<Object> values) {
        Map<String, Long> counts = new HashMap<>();
        values.stream().filter(value -> !Table.missing(value)).forEach(value -> counts.merge(Table.text(value), 1L, Long::sum));
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }
}
