package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sagemaker.spark.encode_categorical_0.1}: one-hot (as columns) and ordinal encoding.
 * Categories are indexed by frequency, most frequent first, ties in text order, as Spark's
 * StringIndexer does; one-hot's {@code drop_last} drops the least frequent.
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

    private static Table oneHot(FlowNode node, Table table, JsonNode parameters) {
        String style = parameters.path("output_style").asText("Vector");
        if (!style.equals("Columns")) {
            throw FlowException.at(node, "one-hot output_style '" + style + "' is not supported in local mode; use Columns");
        }
        String invalid = parameters.path("invalid_handling_strategy").asText("Error");
        boolean dropLast = parameters.path("drop_last").asBoolean(true);
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            int index = result.index(node, column);
            List<String> categories = categories(result.column(index));
            List<String> encoded = dropLast && categories.size() > 1 ? categories.subList(0, categories.size() - 1) : categories;
            String prefix = parameters.path("output_column").asText("").isEmpty() ? column : parameters.path("output_column").asText();
            List<String> columns = new ArrayList<>(result.columns().subList(0, index));
            encoded.forEach(category -> columns.add(prefix + "_" + category));
            columns.addAll(result.columns().subList(index + 1, result.columns().size()));
            List<Object[]> rows = new ArrayList<>();
            for (Object[] row : result.rows()) {
                if (Table.missing(row[index]) && !handleInvalid(node, invalid, column)) {
                    continue;
                }
                Object[] out = new Object[columns.size()];
                System.arraycopy(row, 0, out, 0, index);
                String value = Table.missing(row[index]) ? null : Table.text(row[index]);
                for (int i = 0; i < encoded.size(); i++) {
                    out[index + i] = encoded.get(i).equals(value) ? 1.0 : 0.0;
                }
                System.arraycopy(row, index + 1, out, index + encoded.size(), row.length - index - 1);
                rows.add(out);
            }
            result = new Table(columns, rows);
        }
        return result;
    }

    private static Table ordinal(FlowNode node, Table table, JsonNode parameters) {
        String invalid = parameters.path("invalid_handling_strategy").asText("Error");
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            int index = result.index(node, column);
            List<String> categories = categories(result.column(index));
            String output = parameters.path("output_column").asText("");
            boolean inPlace = output.isEmpty() || output.equals(column);
            List<String> columns = new ArrayList<>(result.columns());
            if (!inPlace) {
                columns.add(output);
            }
            List<Object[]> rows = new ArrayList<>();
            for (Object[] row : result.rows()) {
                Object code;
                if (Table.missing(row[index])) {
                    if (invalid.equals("Replace with NaN")) {
                        code = null;
                    } else if (!handleInvalid(node, invalid, column)) {
                        continue;
                    } else {
                        code = (double) categories.size();
                    }
                } else {
                    code = (double) categories.indexOf(Table.text(row[index]));
                }
                Object[] out = inPlace ? row.clone() : java.util.Arrays.copyOf(row, row.length + 1);
                out[inPlace ? index : row.length] = code;
                rows.add(out);
            }
            result = new Table(columns, rows);
        }
        return result;
    }

    /** Whether a row with a missing category is kept (Keep) or dropped (Skip); Error fails. */
    private static boolean handleInvalid(FlowNode node, String strategy, String column) {
        return switch (strategy) {
            case "Keep" -> true;
            case "Skip" -> false;
            case "Error" -> throw FlowException.at(node, "column '" + column
                    + "' has a missing value and invalid_handling_strategy is Error; impute or drop missing values first");
            default -> throw FlowException.at(node, "invalid_handling_strategy '" + strategy + "' is not supported in local mode");
        };
    }

    /** Distinct non-missing values, most frequent first, ties in text order. */
    static List<String> categories(List<Object> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        values.stream().filter(value -> !Table.missing(value)).forEach(value -> counts.merge(Table.text(value), 1L, Long::sum));
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }
}
