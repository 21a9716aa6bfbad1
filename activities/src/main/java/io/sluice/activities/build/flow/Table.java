package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small in-memory data frame: column names and rows of values. A value is {@code null}, a
 * {@code String}, {@code Long}, {@code Double} or {@code Boolean}. Tables are not modified once
 * made; transforms return new ones.
 */
public record Table(List<String> columns, List<Object[]> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row of " + row.length + " values for " + columns.size() + " columns");
            }
        }
    }

    /** The index of {@code column}; fails naming the columns there are. */
    int index(FlowNode node, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw FlowException.at(node, "no column '" + column + "'; columns are " + columns);
        }
        return index;
    }

    /** The values of column {@code index}, top to bottom. */
    List<Object> column(int index) {
        List<Object> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(row[index]));
        return values;
    }

    /**
     * This table with {@code values} in column {@code name}: in its place when the column exists,
     * else appended after the last column, as Data Wrangler writes an {@code output_column}.
     */
    Table withColumn(String name, List<Object> values) {
        if (values.size() != rows.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + rows.size() + " rows");
        }
        int index = columns.indexOf(name);
        List<String> names = new ArrayList<>(columns);
        if (index < 0) {
            names.add(name);
        }
        List<Object[]> written = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = index < 0 ? java.util.Arrays.copyOf(rows.get(r), columns.size() + 1) : rows.get(r).clone();
            row[index < 0 ? columns.size() : index] = values.get(r);
            written.add(row);
        }
        return new Table(names, written);
    }

    /**
     * This table with {@code transform} applied to each value of {@code column}, written to the
     * node's {@code output_column} when {@code parameters} names one, else in place.
     */
    Table mapColumn(FlowNode node, JsonNode parameters, String column, java.util.function.UnaryOperator<Object> transform) {
        List<Object> values = new ArrayList<>(rows.size());
        column(index(node, column)).forEach(value -> values.add(transform.apply(value)));
        String output = parameters.path("output_column").asText("");
        return withColumn(output.isEmpty() ? column : output, values);
    }

    /** Whether {@code value} counts as missing: null, blank text, or NaN. */
    static boolean missing(Object value) {
        return value == null || value instanceof String text && text.isBlank()
                || value instanceof Double number && number.isNaN();
    }

    /** The value as a number, or null when it is missing or not numeric. */
    static Double number(Object value) {
        if (value instanceof Long number) {
            return number.doubleValue();
        }
        if (value instanceof Double number) {
            return number.isNaN() ? null : number;
        }
        if (value instanceof Boolean flag) {
            return flag ? 1.0 : 0.0;
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** How a value is written to CSV. */
    static String text(Object value) {
        if (value == null || value instanceof Double number && number.isNaN()) {
            return "";
        }
        return Objects.toString(value);
    }

    public int size() {
        return rows.size();
    }
}
