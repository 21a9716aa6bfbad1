package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code sagemaker.spark.handle_outliers_0.1}: numeric outliers by standard deviations from the
 * mean, by quantiles, or outside fixed bounds. Each column's bounds are computed from the data the
 * step reads; a value outside them is clipped to the bound (the default fix), removes its row, or
 * becomes missing ({@code fix_method} Clip, Remove, Invalidate). Missing values are left alone.
 */
final class HandleOutliers {
    private HandleOutliers() {}

    static final Set<String> TRANSFORMS = Set.of("Standard deviation numeric outliers", "Quantile numeric outliers", "Min-max numeric outliers");

    private record Bounds(double lower, double upper) {}

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        JsonNode parameters = switch (operator) {
            case "Standard deviation numeric outliers" -> node.parameters().path("standard_deviation_numeric_outliers_parameters");
            case "Quantile numeric outliers" -> node.parameters().path("quantile_numeric_outliers_parameters");
            case "Min-max numeric outliers" -> node.parameters().path("min_max_numeric_outliers_parameters");
            default -> throw FlowException.at(node, "handle outliers transform '" + operator + "' is not supported in local mode; it runs " + TRANSFORMS);
        };
        String fix = parameters.path("fix_method").asText("Clip");
        if (!Set.of("Clip", "Remove", "Invalidate").contains(fix)) {
            throw FlowException.at(node, "fix_method '" + fix + "' is not supported; expected Clip, Remove or Invalidate");
        }
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            int index = result.index(node, column);
            List<Double> present = result.column(index).stream().map(Table::number).filter(Objects::nonNull).sorted().toList();
            if (present.isEmpty()) {
                continue;
            }
            Bounds bounds = switch (operator) {
                case "Standard deviation numeric outliers" -> standardDeviations(present, parameters.path("standard_deviations").asDouble(4));
                case "Quantile numeric outliers" -> new Bounds(quantile(present, parameters.path("lower_quantile").asDouble(0.01)),
                        quantile(present, parameters.path("upper_quantile").asDouble(0.99)));
                default -> new Bounds(parameters.path("lower_threshold").asDouble(Double.NEGATIVE_INFINITY),
                        parameters.path("upper_threshold").asDouble(Double.POSITIVE_INFINITY));
            };
            result = fix(result, index, bounds, fix, parameters.path("output_column").asText(""));
        }
        return result;
    }

    /** Mean ± n sample standard deviations. */
    private static Bounds standardDeviations(List<Double> present, double deviations) {
        double mean = present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = present.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        double std = present.size() < 2 ? 0 : Math.sqrt(squares / (present.size() - 1));
        return new Bounds(mean - deviations * std, mean + deviations * std);
    }

    private static double quantile(List<Double> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    private static Table fix(Table table, int index, Bounds bounds, String fix, String outputColumn) {
        List<Object[]> rows = new ArrayList<>(table.size());
        List<Object> values = new ArrayList<>(table.size());
        for (Object[] row : table.rows()) {
            Double number = Table.number(row[index]);
            boolean outside = number != null && (number < bounds.lower() || number > bounds.upper());
            if (outside && fix.equals("Remove")) {
                continue;
            }
            rows.add(row);
            if (!outside) {
                values.add(row[index]);
            } else if (fix.equals("Invalidate")) {
                values.add(null);
            } else {
                values.add(number < bounds.lower() ? bounds.lower() : bounds.upper());
            }
        }
        Table kept = new Table(table.columns(), rows);
        return kept.withColumn(outputColumn.isEmpty() ? table.columns().get(index) : outputColumn, values);
    }
}
