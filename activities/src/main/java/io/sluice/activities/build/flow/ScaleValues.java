package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sagemaker.spark.process_numeric_0.1} / Scale values: standard, robust, min-max and
 * max-absolute scaling of numeric columns, with Spark ML's formulas. The statistics come from the
 * scaler model Data Wrangler fitted when the step was defined (its trained parameters), and are
 * computed from the data only when the flow has none. A missing or non-numeric value stays missing.
 */
final class ScaleValues {
    private ScaleValues() {}

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        if (!operator.equals("Scale values")) {
            throw FlowException.at(node, "process numeric transform '" + operator + "' is not supported in local mode; it runs [Scale values]");
        }
        JsonNode scale = node.parameters().path("scale_values_parameters");
        String scaler = node.text(scale, "scaler");
        String key = switch (scaler) {
            case "Standard scaler" -> "standard_scaler_parameters";
            case "Robust scaler" -> "robust_scaler_parameters";
            case "Min-max scaler" -> "min_max_scaler_parameters";
            case "Max absolute scaler" -> "max_absolute_scaler_parameters";
            default -> throw FlowException.at(node, "scaler '" + scaler + "' is not supported in local mode");
        };
        JsonNode parameters = scale.path(key);
        List<String> columns = node.columns(parameters, "input_column");
        Optional<TrainedModel> trained = columns.size() == 1
                ? TrainedModel.at(node, "scale_values_parameters", key, "scaler_model") : Optional.empty();
        Table result = table;
        for (String column : columns) {
            List<Double> values = result.column(result.index(node, column)).stream().map(Table::number).toList();
            Scaling scaling = switch (scaler) {
                case "Standard scaler" -> standard(node, parameters, trained, values);
                case "Robust scaler" -> robust(node, parameters, trained, values);
                case "Min-max scaler" -> minMax(node, parameters, trained, values);
                default -> maxAbsolute(node, trained, values);
            };
            List<Object> scaled = new ArrayList<>(values.size());
            values.forEach(value -> scaled.add(value == null ? null : scaling.apply(value)));
            String output = parameters.path("output_column").asText("");
            result = result.withColumn(output.isEmpty() ? column : output, scaled);
        }
        return result;
    }

    @FunctionalInterface
    private interface Scaling {
        double apply(double value);
    }

    /** Spark's StandardScaler: (x - mean) / std, each part as withMean / withStd say (defaults false, true); a zero std scales to 0. */
    private static Scaling standard(FlowNode node, JsonNode parameters, Optional<TrainedModel> trained, List<Double> values) {
        boolean withMean = trained.map(model -> model.parameters().path("withMean").asBoolean(false))
                .orElse(parameters.path("center").asBoolean(false));
        boolean withStd = trained.map(model -> model.parameters().path("withStd").asBoolean(true))
                .orElse(parameters.path("scale").asBoolean(true));
        double mean = trained.map(model -> model.vector(node, "mean").get(0)).orElseGet(() -> mean(node, values));
        double std = trained.map(model -> model.vector(node, "std").get(0)).orElseGet(() -> sampleStd(node, values));
        return value -> {
            double centered = withMean ? value - mean : value;
            return withStd ? (std == 0 ? 0 : centered / std) : centered;
        };
    }

    /** Spark's RobustScaler: (x - median) / (upper quantile - lower quantile), each part as withCentering / withScaling say. */
    private static Scaling robust(FlowNode node, JsonNode parameters, Optional<TrainedModel> trained, List<Double> values) {
        boolean center = trained.map(model -> model.parameters().path("withCentering").asBoolean(false))
                .orElse(parameters.path("center").asBoolean(false));
        boolean scale = trained.map(model -> model.parameters().path("withScaling").asBoolean(true))
                .orElse(parameters.path("scale").asBoolean(true));
        double lower = parameters.path("lower_quantile").asDouble(0.25);
        double upper = parameters.path("upper_quantile").asDouble(0.75);
        double median = trained.map(model -> model.vector(node, "median").get(0)).orElseGet(() -> quantile(node, values, 0.5));
        double range = trained.map(model -> model.vector(node, "range").get(0))
                .orElseGet(() -> quantile(node, values, upper) - quantile(node, values, lower));
        return value -> {
            double centered = center ? value - median : value;
            return scale ? (range == 0 ? 0 : centered / range) : centered;
        };
    }

    /** Spark's MinMaxScaler: into [min, max]; a constant column maps to the middle of the range. */
    private static Scaling minMax(FlowNode node, JsonNode parameters, Optional<TrainedModel> trained, List<Double> values) {
        double min = trained.map(model -> model.parameters().path("min").asDouble(0)).orElse(parameters.path("min").asDouble(0));
        double max = trained.map(model -> model.parameters().path("max").asDouble(1)).orElse(parameters.path("max").asDouble(1));
        double originalMin = trained.map(model -> model.vector(node, "originalMin").get(0))
                .orElseGet(() -> present(node, values).stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double originalMax = trained.map(model -> model.vector(node, "originalMax").get(0))
                .orElseGet(() -> present(node, values).stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        double range = originalMax - originalMin;
        return value -> range == 0 ? 0.5 * (max + min) : (value - originalMin) / range * (max - min) + min;
    }

    /** Spark's MaxAbsScaler: x / max |x|, into [-1, 1]. */
    private static Scaling maxAbsolute(FlowNode node, Optional<TrainedModel> trained, List<Double> values) {
        double maxAbsolute = trained.map(model -> model.vector(node, "maxAbs").get(0))
                .orElseGet(() -> present(node, values).stream().mapToDouble(Math::abs).max().orElseThrow());
        return value -> maxAbsolute == 0 ? 0 : value / maxAbsolute;
    }

    private static List<Double> present(FlowNode node, List<Double> values) {
        List<Double> present = values.stream().filter(Objects::nonNull).sorted().toList();
        if (present.isEmpty()) {
            throw FlowException.at(node, "the column to scale has no numeric value to fit the scaler on");
        }
        return present;
    }

    private static double mean(FlowNode node, List<Double> values) {
        return present(node, values).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The unbiased (n - 1) standard deviation, as Spark's StandardScaler fits it. */
    private static double sampleStd(FlowNode node, List<Double> values) {
        List<Double> present = present(node, values);
        if (present.size() < 2) {
            return 0;
        }
        double mean = mean(node, values);
        double squares = present.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        return Math.sqrt(squares / (present.size() - 1));
    }

    /** The value at quantile {@code q} of the present values, nearest rank. */
    private static double quantile(FlowNode node, List<Double> values, double q) {
        List<Double> present = present(node, values);
        int rank = (int) Math.ceil(q * present.size()) - 1;
        return present.get(Math.max(0, Math.min(present.size() - 1, rank)));
    }
}
