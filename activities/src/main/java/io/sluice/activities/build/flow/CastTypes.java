package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code sagemaker.spark.infer_and_cast_type_0.1} and {@code sagemaker.spark.cast_single_data_type_0.1}:
 * values become {@code Long}, {@code Double}, {@code Boolean} or stay text.
 */
final class CastTypes {
    /** Data Wrangler infers a type from the first rows of a column. */
    static final int INFERENCE_ROWS = 1000;

    private CastTypes() {}

    /** Casts each column to the type of the node's trained schema, or to the type its values suggest. */
    static Table inferAndCast(FlowNode node, Table table) {
        JsonNode schema = node.trainedParameters().path("schema");
        List<String> types = new ArrayList<>();
        if (schema.isObject() && !schema.isEmpty()) {
            if (schema.size() != table.columns().size()) {
                throw FlowException.at(node, "trained schema has " + schema.size() + " columns; the data has "
                        + table.columns().size() + " " + table.columns());
            }
            for (String column : table.columns()) {
                JsonNode type = schema.path(column);
                if (!type.isTextual()) {
                    throw FlowException.at(node, "trained schema has no column '" + column + "'");
                }
                types.add(type.asText());
            }
        } else {
            for (int i = 0; i < table.columns().size(); i++) {
                types.add(infer(table.column(i)));
            }
        }
        List<Object[]> rows = new ArrayList<>(table.size());
        for (Object[] row : table.rows()) {
            Object[] cast = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                cast[i] = cast(row[i], types.get(i));
            }
            rows.add(cast);
        }
        return new Table(table.columns(), rows);
    }

    /** Casts one column; values that do not cast become null or drop their row, as the node says. */
    static Table castSingle(FlowNode node, Table table) {
        JsonNode parameters = node.parameters();
        int index = table.index(node, node.text(parameters, "column"));
        String type = node.text(parameters, "data_type").toLowerCase(Locale.ROOT);
        if (!List.of("long", "float", "string", "bool").contains(type)) {
            throw FlowException.at(node, "cast to '" + type + "' is not supported in local mode; expected long, float, string or bool");
        }
        String handling = parameters.path("non_castable_data_handling_method").asText("replace_null");
        if (!List.of("replace_null", "drop", "replace_value").contains(handling)) {
            throw FlowException.at(node, "non_castable_data_handling_method '" + handling + "' is not supported in local mode");
        }
        Object replacement = "replace_value".equals(handling) ? cast(parameters.path("replace_value").asText(""), type) : null;
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : table.rows()) {
            Object cast = cast(row[index], type);
            if (cast == null && !Table.missing(row[index])) {
                if ("drop".equals(handling)) {
                    continue;
                }
                cast = replacement;
            }
            Object[] copy = row.clone();
            copy[index] = cast;
            rows.add(copy);
        }
        return new Table(table.columns(), rows);
    }

    /** The narrowest of long, float, bool and string that every non-missing value of the first rows fits. */
    static String infer(List<Object> values) {
        boolean allLong = true;
        boolean allNumber = true;
        boolean allBool = true;
        int seen = 0;
        Iterator<Object> iterator = values.iterator();
        while (iterator.hasNext() && seen < INFERENCE_ROWS) {
            Object value = iterator.next();
            if (Table.missing(value)) {
                continue;
            }
            seen++;
            String text = Table.text(value).strip();
            allLong &= value instanceof Long || text.matches("[-+]?\\d{1,18}");
            allNumber &= Table.number(value) != null;
            allBool &= value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
        }
        if (seen == 0) {
            return "string";
        }
        return allLong ? "long" : allNumber ? "float" : allBool ? "bool" : "string";
    }

    /** {@code value} as {@code type}; null when missing or when it does not cast. */
    static Object cast(Object value, String type) {
        if (Table.missing(value)) {
            return null;
        }
        String text = Table.text(value).strip();
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "long", "int", "integer", "bigint" -> {
                Double number = Table.number(value);
                yield number == null || number != Math.rint(number) ? null : (Object) number.longValue();
            }
            case "float", "double" -> Table.number(value);
            case "bool", "boolean" -> text.equalsIgnoreCase("true") || text.equals("1") ? Boolean.TRUE
                    : text.equalsIgnoreCase("false") || text.equals("0") ? Boolean.FALSE : null;
            default -> value instanceof String ? value : text;
        };
    }
}
