package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sagemaker.spark.join_tables_0.1}: joins the first input (left) with the second (right) on
 * one column each. Column names both sides have get {@code _0} (left) and {@code _1} (right).
 */
final class JoinTables {
    private JoinTables() {}

    static Table apply(FlowNode node, Table left, Table right) {
        JsonNode parameters = node.parameters();
        int leftKey = left.index(node, node.text(parameters, "left_column"));
        int rightKey = right.index(node, node.text(parameters, "right_column"));
        String type = node.text(parameters, "join_type").toLowerCase(java.util.Locale.ROOT).replace("_", "");
        if (!List.of("inner", "leftouter", "rightouter", "fullouter", "leftsemi", "leftanti").contains(type)) {
            throw FlowException.at(node, "join_type '" + parameters.path("join_type").asText()
                    + "' is not supported in local mode; expected inner, leftouter, rightouter, fullouter, leftsemi or leftanti");
        }
        Map<String, List<Object[]>> rightByKey = new LinkedHashMap<>();
        for (Object[] row : right.rows()) {
            if (!Table.missing(row[rightKey])) {
                rightByKey.computeIfAbsent(Table.text(row[rightKey]), key -> new ArrayList<>()).add(row);
            }
        }
        boolean semiOrAnti = type.equals("leftsemi") || type.equals("leftanti");
        List<String> columns = semiOrAnti ? left.columns() : joinedColumns(left.columns(), right.columns());
        List<Object[]> rows = new ArrayList<>();
        Set<String> matchedRightKeys = new HashSet<>();
        for (Object[] leftRow : left.rows()) {
            String key = Table.missing(leftRow[leftKey]) ? null : Table.text(leftRow[leftKey]);
            List<Object[]> matches = key == null ? List.of() : rightByKey.getOrDefault(key, List.of());
            if (semiOrAnti) {
                if (matches.isEmpty() == type.equals("leftanti")) {
                    rows.add(leftRow);
                }
                continue;
            }
            if (!matches.isEmpty()) {
                matchedRightKeys.add(key);
                matches.forEach(rightRow -> rows.add(concat(leftRow, rightRow)));
            } else if (type.equals("leftouter") || type.equals("fullouter")) {
                rows.add(concat(leftRow, new Object[right.columns().size()]));
            }
        }
        if (type.equals("rightouter") || type.equals("fullouter")) {
            for (Object[] rightRow : right.rows()) {
                boolean matched = !Table.missing(rightRow[rightKey]) && matchedRightKeys.contains(Table.text(rightRow[rightKey]));
                if (!matched) {
                    rows.add(concat(new Object[left.columns().size()], rightRow));
                }
            }
        }
        return new Table(columns, rows);
    }

    private static List<String> joinedColumns(List<String> left, List<String> right) {
        List<String> columns = new ArrayList<>();
        left.forEach(column -> columns.add(right.contains(column) ? column + "_0" : column));
        right.forEach(column -> columns.add(left.contains(column) ? column + "_1" : column));
        return columns;
    }

    private static Object[] concat(Object[] left, Object[] right) {
        Object[] row = Arrays.copyOf(left, left.length + right.length);
        System.arraycopy(right, 0, row, left.length, right.length);
        return row;
    }
}
