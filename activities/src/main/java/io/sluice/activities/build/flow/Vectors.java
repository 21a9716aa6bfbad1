package io.sluice.activities.build.flow;

/**
 * How a Spark ML vector column is written to a table: as the text of its dense form,
 * {@code [1.0,0.0,2.0]}, which is also how Spark prints a dense vector.
 */
final class Vectors {
    private Vectors() {}

    static String text(double[] values) {
        StringBuilder text = new StringBuilder(values.length * 4 + 2).append('[');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append(']').toString();
    }
}
