package io.sluice.activities.build.local;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Model quality figures computed from labels and predicted scores. */
public final class Metrics {
    private Metrics() {}

    /**
     * Area under the ROC curve for binary labels (1 positive, anything else negative), by ranks with
     * ties sharing their average rank. NaN when only one class is present.
     */
    public static double auc(float[] labels, float[] scores) {
        int n = labels.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1f) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** Share of rows whose score is on the wrong side of 0.5. */
    public static double error(float[] labels, float[] scores) {
        long wrong = IntStream.range(0, labels.length).filter(i -> (scores[i] >= 0.5f) != (labels[i] == 1f)).count();
        return labels.length == 0 ? Double.NaN : wrong / (double) labels.length;
    }

    /** Mean negative log-likelihood of binary labels under the scores. */
    public static double logloss(float[] labels, float[] scores) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(scores[i], 1e-15), 1 - 1e-15);
            sum += labels[i] == 1f ? -Math.log(p) : -Math.log(1 - p);
        }
        return sum / labels.length;
    }

    /** Root mean squared error. */
    public static double rmse(float[] labels, float[] scores) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double difference = labels[i] - scores[i];
            sum += difference * difference;
        }
        return Math.sqrt(sum / labels.length);
    }
}
