package io.sluice.activities.build.flow;

import java.util.ArrayList;
import java.util.List;

/** CSV as Data Wrangler reads it: {@code "} quotes fields and escapes itself; any delimiter. */
public final class Csv {
    private Csv() {}

    /** Reads {@code text}; with {@code header} the first record names the columns, else {@code _c0, _c1, …}. */
    public static Table read(String text, char delimiter, boolean header) {
        List<List<String>> records = records(text, delimiter);
        if (records.isEmpty()) {
            return new Table(List.of(), List.of());
        }
        int width = records.get(0).size();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            columns.add(header ? records.get(0).get(i).strip() : "_c" + i);
        }
        List<Object[]> rows = new ArrayList<>();
        for (int r = header ? 1 : 0; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (record.size() != width) {
                throw new FlowException("CSV record " + (r + 1) + " has " + record.size() + " fields; the first has " + width);
            }
            rows.add(record.toArray(new Object[0]));
        }
        return new Table(columns, rows);
    }

    /** Writes {@code table}, quoting fields that need it; with {@code header} the column names first. */
    public static String write(Table table, boolean header) {
        StringBuilder out = new StringBuilder();
        if (header) {
            appendRecord(out, table.columns().toArray());
        }
        for (Object[] row : table.rows()) {
            appendRecord(out, row);
        }
        return out.toString();
    }

    private static void appendRecord(StringBuilder out, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = Table.text(values[i]);
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        out.append('\n');
    }

    private static List<List<String>> records(String text, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
