package io.sluice.activities.build.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * Parquet read with DuckDB's embedded engine: a flow's parquet sources and the data files of the
 * Spark ML models a flow carries. Values come back as {@link Table} values; lists as
 * {@link List}s and structs as {@link Map}s of field to value, for model data.
 */
final class Parquet {
    private Parquet() {}

    /** The rows of the parquet file {@code bytes}, each a map of column to value, in file order. */
    static List<Map<String, Object>> records(byte[] bytes) {
        return staged(bytes, Parquet::records);
    }

    /** The rows of the parquet file at {@code file}, each a map of column to value. */
    static List<Map<String, Object>> records(Path file) {
        List<Map<String, Object>> records = new ArrayList<>();
        query(file, (columns, row) -> {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                record.put(columns.get(i), row[i]);
            }
            records.add(record);
        });
        return records;
    }

    /** Whether {@code bytes} are a parquet file: they start (and end) with its magic, {@code PAR1}. */
    static boolean isParquet(byte[] bytes) {
        byte[] magic = {'P', 'A', 'R', '1'};
        return bytes.length >= 8 && java.util.Arrays.equals(bytes, 0, 4, magic, 0, 4)
                && java.util.Arrays.equals(bytes, bytes.length - 4, bytes.length, magic, 0, 4);
    }

    /** The parquet file {@code bytes} as a table; nested values are written as their text. */
    static Table table(byte[] bytes) {
        return staged(bytes, file -> {
            List<String> names = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            query(file, (columns, row) -> {
                if (names.isEmpty()) {
                    names.addAll(columns);
                }
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof List<?> || row[i] instanceof Map<?, ?>) {
                        row[i] = row[i].toString();
                    }
                }
                rows.add(row);
            });
            return new Table(names.isEmpty() ? columnsOf(file) : names, rows);
        });
    }

    /** {@code read} applied to {@code bytes} staged in a temporary file, which is deleted after. */
    private static <T> T staged(byte[] bytes, java.util.function.Function<Path, T> read) {
        Path file = null;
        try {
            file = Files.createTempFile("sluice-flow-", ".parquet");
            Files.write(file, bytes);
            return read.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage parquet data in a temporary file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private interface RowSink {
        void accept(List<String> columns, Object[] row) throws SQLException;
    }

    private static List<String> columnsOf(Path file) {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + literal(file) + ")")) {
            while (result.next()) {
                columns.add(result.getString(1));
            }
            return columns;
        } catch (SQLException e) {
            throw new FlowException("cannot read the parquet data: " + e.getMessage());
        }
    }

    private static void query(Path file, RowSink sink) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM read_parquet(" + literal(file) + ")")) {
            ResultSetMetaData metadata = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(metadata.getColumnName(i));
            }
            while (result.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(result.getObject(i + 1));
                }
                sink.accept(columns, row);
            }
        } catch (SQLException e) {
            throw new FlowException("cannot read the parquet data: " + e.getMessage());
        }
    }

    /** A JDBC value as a table value: whole numbers as Long, others as Double, lists and structs nested. */
    static Object value(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(value(element));
            }
            return list;
        }
        if (value instanceof DuckDBStruct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : struct.getMap().entrySet()) {
                fields.put(field.getKey(), value(field.getValue()));
            }
            return fields;
        }
        return value.toString();
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
