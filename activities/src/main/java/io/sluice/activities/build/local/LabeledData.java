package io.sluice.activities.build.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows for XGBoost in the built-in algorithm's CSV contract: no header, the label in the first
 * column, the features after it; an empty field is a missing value.
 *
 * @param labels one per row
 * @param features row-major, {@code columns} per row; missing values are NaN
 * @param columns the number of feature columns
 */
public record LabeledData(float[] labels, float[] features, int columns) {
    public int rows() {
        return labels.length;
    }

    /** Parses headerless CSV records; fails naming the record that is not numeric. */
    public static LabeledData parse(String csv) {
        List<float[]> records = new ArrayList<>();
        int width = -1;
        int line = 0;
        for (String record : csv.split("\r?\n")) {
            line++;
            if (record.isBlank()) {
                continue;
            }
            String[] fields = record.split(",", -1);
            if (width < 0) {
                width = fields.length;
            } else if (fields.length != width) {
                throw new IllegalArgumentException("record " + line + " has " + fields.length + " fields; the first has " + width);
            }
            float[] values = new float[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = value(fields[i], line, i);
            }
            if (Float.isNaN(values[0])) {
                throw new IllegalArgumentException("record " + line + " has no label in its first column");
            }
            records.add(values);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records: the channel's CSV is empty");
        }
        int columns = width - 1;
        float[] labels = new float[records.size()];
        float[] features = new float[records.size() * columns];
        for (int r = 0; r < records.size(); r++) {
            labels[r] = records.get(r)[0];
            System.arraycopy(records.get(r), 1, features, r * columns, columns);
        }
        return new LabeledData(labels, features, columns);
    }

    private static float value(String field, int line, int column) {
        String text = field.strip();
        if (text.isEmpty()) {
            return Float.NaN;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.equalsIgnoreCase("true") ? 1f : 0f;
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record " + line + ", column " + column + " is '" + text
                    + "', not a number; encode categorical columns in the flow");
        }
    }
}
