package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code sagemaker.spark.split_0.1}: randomized (seeded; seed 0 when the node names none) and
 * ordered splits into 2 or 3 named parts whose percentages sum to 1. Output {@code default} is
 * the first part.
 */
final class SplitRows {
    private SplitRows() {}

    static Map<String, Table> apply(FlowNode node, Table table) {
        JsonNode parameters = node.parameters();
        String operator = node.text(parameters, "operator");
        JsonNode splitParameters = switch (operator) {
            case "Randomized split" -> parameters.path("randomized_split_parameters");
            case "Ordered split" -> parameters.path("ordered_split_parameters");
            default -> throw FlowException.at(node, "split operator '" + operator + "' is not supported in local mode");
        };
        List<String> names = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        for (JsonNode split : splitParameters.path("splits")) {
            names.add(split.path("name").asText());
            fractions.add(split.path("percentage").asDouble(-1));
        }
        validate(node, names, fractions);
        List<Object[]> rows = new ArrayList<>(table.rows());
        if (operator.equals("Randomized split")) {
            Collections.shuffle(rows, new Random(splitParameters.path("seed").asLong(0)));
        } else if (!splitParameters.path("input_column").asText("").isEmpty()) {
            int index = table.index(node, splitParameters.path("input_column").asText());
            rows.sort((left, right) -> compare(left[index], right[index]));
        }
        Map<String, Table> parts = new LinkedHashMap<>();
        int start = 0;
        double cumulative = 0;
        for (int i = 0; i < names.size(); i++) {
            cumulative += fractions.get(i);
            int end = i == names.size() - 1 ? rows.size() : (int) Math.round(cumulative * rows.size());
            parts.put(names.get(i), new Table(table.columns(), rows.subList(start, end)));
            start = end;
        }
        parts.put("default", parts.get(names.get(0)));
        return parts;
    }

    private static void validate(FlowNode node, List<String> names, List<Double> fractions) {
        if (names.size() < 2 || names.size() > 3) {
            throw FlowException.at(node, "a split needs 2 or 3 parts; it has " + names.size());
        }
        if (names.stream().distinct().count() != names.size() || names.contains("default") || names.contains("")) {
            throw FlowException.at(node, "split names must be distinct, non-empty and not 'default': " + names);
        }
        if (fractions.stream().anyMatch(fraction -> fraction <= 0)
                || Math.abs(fractions.stream().mapToDouble(Double::doubleValue).sum() - 1) > 1e-3) {
            throw FlowException.at(node, "split percentages must be positive and sum to 1: " + fractions);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Comparable comparable && left.getClass() == right.getClass()) {
            return comparable.compareTo(right);
        }
        return Table.text(left).compareTo(Table.text(right));
    }
}
