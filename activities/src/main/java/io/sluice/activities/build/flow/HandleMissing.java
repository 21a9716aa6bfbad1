package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code sagemaker.spark.handle_missing_0.1}: impute, fill and drop missing values. */
final class HandleMissing {
    private HandleMissing() {}

    static Table apply(FlowNode node, Table table) {
        JsonNode parameters = node.parameters();
        String operator = node.text(parameters, "operator");
        return switch (operator) {
            case "Impute" -> impute(node, table, parameters.path("impute_parameters"));
            case "Fill missing" -> fill(node, table, parameters.path("fill_missing_parameters"));
            case "Drop missing" -> drop(node, table, parameters);
            default -> throw FlowException.at(node, "handle missing operator '" + operator + "' is not supported in local mode");
        };
    }

    private static Table impute(FlowNode node, Table table, JsonNode parameters) {
        String columnType = node.text(parameters, "column_type");
        if (columnType.equals("Numeric")) {
            JsonNode numeric = parameters.path("numeric_parameters");
            String strategy = node.text(numeric, "strategy");
            Table result = table;
            for (String column : node.columns(numeric, "input_column")) {
                int index = result.index(node, column);
                List<Double> present = result.column(index).stream().map(Table::number).filter(Objects::nonNull).sorted().toList();
                if (present.isEmpty()) {
                    throw FlowException.at(node, "column '" + column + "' has no numeric value to impute from");
                }
                double value = switch (strategy) {
                    case "Mean" -> present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    case "Median", "Approximate Median" -> median(present);
                    default -> throw FlowException.at(node, "impute strategy '" + strategy + "' is not supported in local mode");
                };
                boolean integral = result.column(index).stream().allMatch(v -> v == null || v instanceof Long);
                result = replaceMissing(result, index, outputColumn(numeric, column), integral && value == Math.rint(value)
                        ? (Object) (long) value : (Object) value);
            }
            return result;
        }
        if (columnType.equals("Categorical")) {
            JsonNode categorical = parameters.path("categorical_parameters");
            Table result = table;
            for (String column : node.columns(categorical, "input_column")) {
                int index = result.index(node, column);
                Map<Object, Long> counts = new LinkedHashMap<>();
                result.column(index).stream().filter(v -> !Table.missing(v)).forEach(v -> counts.merge(v, 1L, Long::sum));
                Object mostFrequent = counts.entrySet().stream()
                        .max(Comparator.<Map.Entry<Object, Long>>comparingLong(Map.Entry::getValue)
                                .thenComparing(entry -> Table.text(entry.getKey()), Comparator.reverseOrder()))
                        .map(Map.Entry::getKey)
                        .orElseThrow(() -> FlowException.at(node, "column '" + column + "' has no value to impute from"));
                result = replaceMissing(result, index, outputColumn(categorical, column), mostFrequent);
            }
            return result;
        }
        throw FlowException.at(node, "impute column_type '" + columnType + "' is not supported; expected Numeric or Categorical");
    }

    private static Table fill(FlowNode node, Table table, JsonNode parameters) {
        String fillValue = parameters.path("fill_value").asText("");
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            int index = result.index(node, column);
            String type = CastTypes.infer(result.column(index));
            Object value = CastTypes.cast(fillValue, type);
            if (value == null) {
                throw FlowException.at(node, "fill_value '" + fillValue + "' does not fit column '" + column + "' of type " + type);
            }
            result = replaceMissing(result, index, outputColumn(parameters, column), value);
        }
        return result;
    }

    private static Table drop(FlowNode node, Table table, JsonNode parameters) {
        JsonNode dropParameters = parameters.path("drop_missing_parameters");
        String dimension = dropParameters.path("dimension").asText("Drop Rows");
        if (!dimension.equals("Drop Rows")) {
            throw FlowException.at(node, "drop_missing_parameters.dimension '" + dimension
                    + "' is not supported in local mode; expected Drop Rows");
        }
        if (dropParameters.has("drop_rows_parameters")) {
            dropParameters = dropParameters.path("drop_rows_parameters");
        } else if (dropParameters.isMissingNode() && parameters.has("drop_rows_parameters")) {
            dropParameters = parameters.path("drop_rows_parameters");
        }
        List<Integer> checked = new ArrayList<>();
        JsonNode input = dropParameters.path("input_column");
        if (input.isMissingNode() || input.isNull() || input.isTextual() && input.asText().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                checked.add(i);
            }
        } else {
            node.columns(dropParameters, "input_column").forEach(column -> checked.add(table.index(node, column)));
        }
        List<Object[]> rows = table.rows().stream()
                .filter(row -> checked.stream().noneMatch(index -> Table.missing(row[index])))
                .toList();
        return new Table(table.columns(), rows);
    }

    /** Missing values of column {@code index} replaced by {@code value}, in place or in a new column. */
    private static Table replaceMissing(Table table, int index, String outputColumn, Object value) {
        boolean inPlace = outputColumn.isEmpty() || outputColumn.equals(table.columns().get(index));
        List<String> columns = new ArrayList<>(table.columns());
        if (!inPlace) {
            columns.add(outputColumn);
        }
        List<Object[]> rows = new ArrayList<>(table.size());
        for (Object[] row : table.rows()) {
            Object filled = Table.missing(row[index]) ? value : row[index];
            Object[] copy = inPlace ? row.clone() : Arrays.copyOf(row, row.length + 1);
            copy[inPlace ? index : row.length] = filled;
            rows.add(copy);
        }
        return new Table(columns, rows);
    }

    private static String outputColumn(JsonNode parameters, String input) {
        String output = parameters.path("output_column").asText("");
        return output.isEmpty() ? input : output;
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
