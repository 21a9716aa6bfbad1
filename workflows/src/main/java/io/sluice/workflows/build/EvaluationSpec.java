package io.sluice.workflows.build;

import java.util.Locale;

/**
 * {@code evaluation:} of {@code build.yaml}: the gate a trained model must pass to be registered.
 *
 * @param metric the training job's metric, e.g. {@code validation:auc}
 * @param comparison how the metric must compare with the threshold
 * @param threshold the bar
 */
public record EvaluationSpec(String metric, Comparison comparison, Double threshold) {
    public EvaluationSpec {
        metric = Specs.text(metric, "");
    }

    /** Checks every value, naming the field ({@code evaluation.…}) that is wrong. */
    public void validate() {
        Specs.required("evaluation.metric", metric, "a metric the training reports, e.g. validation:auc");
        if (comparison == null) {
            throw new IllegalArgumentException("evaluation.comparison is missing; expected one of "
                    + java.util.Arrays.toString(Comparison.values()));
        }
        if (threshold == null) {
            throw new IllegalArgumentException("evaluation.threshold is missing; expected a number such as 0.75");
        }
        if (threshold.isNaN() || threshold.isInfinite()) {
            throw new IllegalArgumentException("evaluation.threshold is " + threshold + "; expected a finite number");
        }
    }

    /** Whether {@code value} passes. */
    public boolean passes(double value) {
        return comparison.holds(value, threshold);
    }

    /** How a metric compares with its threshold. */
    public enum Comparison {
        GreaterThanOrEqualTo, GreaterThan, LessThanOrEqualTo, LessThan;

        boolean holds(double value, double threshold) {
            return switch (this) {
                case GreaterThanOrEqualTo -> value >= threshold;
                case GreaterThan -> value > threshold;
                case LessThanOrEqualTo -> value <= threshold;
                case LessThan -> value < threshold;
            };
        }

        /** How it is written: {@code >=}, {@code >}, {@code <=}, {@code <}. */
        public String symbol() {
            return switch (this) {
                case GreaterThanOrEqualTo -> ">=";
                case GreaterThan -> ">";
                case LessThanOrEqualTo -> "<=";
                case LessThan -> "<";
            };
        }
    }

    /** {@code validation:auc >= 0.75}. */
    public String describe() {
        return metric + " " + comparison.symbol() + " " + String.format(Locale.ROOT, "%s", threshold);
    }
}
