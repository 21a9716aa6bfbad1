package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** {@code sagemaker.spark.manage_rows_0.1}: drop duplicate rows, sort, shuffle. */
final class ManageRows {
    private ManageRows() {}

    static final Set<String> TRANSFORMS = Set.of("Drop duplicates", "Sort", "Shuffle");

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        return switch (operator) {
            case "Drop duplicates" -> dropDuplicates(table);
            case "Sort" -> sort(node, table, node.parameters().path("sort_parameters"));
            case "Shuffle" -> shuffle(table, node.parameters().path("shuffle_parameters"));
            default -> throw FlowException.at(node, "manage rows transform '" + operator + "' is not supported in local mode; it runs " + TRANSFORMS);
        };
    }

    /** Rows equal in every column are kept once, the first of them, in the order they came. */
    private static Table dropDuplicates(Table table) {
        Set<List<String>> seen = new HashSet<>();
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : table.rows()) {
            if (seen.add(Arrays.stream(row).map(value -> value == null ? null : value.getClass().getSimpleName() + ":" + value).toList())) {
                kept.add(row);
            }
        }
        return new Table(table.columns(), kept);
    }

    /** A stable sort on one column: numbers by value, then text; missing values first ascending, last descending, as Spark orders nulls. */
    private static Table sort(FlowNode node, Table table, JsonNode parameters) {
        int index = table.index(node, node.text(parameters, "sort_by"));
        boolean descending = parameters.path("order").asText("Ascending").equals("Descending");
        Comparator<Object[]> ascending = Comparator.comparing(row -> row[index], ManageRows::compare);
        List<Object[]> rows = new ArrayList<>(table.rows());
        rows.sort(descending ? ascending.reversed() : ascending);
        return new Table(table.columns(), rows);
    }

    private static int compare(Object left, Object right) {
        if (Table.missing(left) || Table.missing(right)) {
            return Boolean.compare(!Table.missing(left), !Table.missing(right));
        }
        Double leftNumber = Table.number(left);
        Double rightNumber = Table.number(right);
        if (leftNumber != null && rightNumber != null) {
            return Double.compare(leftNumber, rightNumber);
        }
        return Table.text(left).compareTo(Table.text(right));
    }

    private static Table shuffle(Table table, JsonNode parameters) {
        List<Object[]> rows = new ArrayList<>(table.rows());
        Collections.shuffle(rows, new Random(parameters.path("seed").asLong(0)));
        return new Table(table.columns(), rows);
    }
}
