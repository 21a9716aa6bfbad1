package io.sluice.activities.build.flow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@code sagemaker.spark.custom_formula_0.1}: a SQL expression over the row's columns, written to
 * {@code output_column} (replacing a column of that name). Data Wrangler evaluates it as Spark SQL;
 * here DuckDB's SQL engine does, which reads Spark SQL's arithmetic, comparisons, {@code CASE},
 * casts and common string and math functions the same way. An expression DuckDB cannot read fails
 * naming the node and DuckDB's reason.
 */
final class CustomFormula {
    private CustomFormula() {}

    private enum SqlType { BIGINT, DOUBLE, BOOLEAN, VARCHAR }

    static Table apply(FlowNode node, Table table) {
        String formula = node.text(node.parameters(), "formula");
        String output = node.text(node.parameters(), "output_column");
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            types.add(type(table.column(i)));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            StringBuilder create = new StringBuilder("CREATE TABLE df (");
            for (int i = 0; i < types.size(); i++) {
                create.append(i == 0 ? "" : ", ").append(identifier(table.columns().get(i))).append(' ').append(types.get(i));
            }
            statement.execute(create.append(", sluice_row BIGINT)").toString());
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "df")) {
                long rowNumber = 0;
                for (Object[] row : table.rows()) {
                    appender.beginRow();
                    for (int i = 0; i < row.length; i++) {
                        append(appender, types.get(i), row[i]);
                    }
                    appender.append(rowNumber++);
                    appender.endRow();
                }
            }
            List<Object> values = new ArrayList<>(table.size());
            try (ResultSet result = statement.executeQuery("SELECT (" + formula + ") FROM df ORDER BY sluice_row")) {
                while (result.next()) {
                    values.add(Parquet.value(result.getObject(1)));
                }
            }
            return table.withColumn(output, values);
        } catch (SQLException e) {
            throw FlowException.at(node, "formula '" + formula + "' cannot be evaluated: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static SqlType type(List<Object> values) {
        SqlType type = null;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            SqlType valueType = value instanceof Long ? SqlType.BIGINT : value instanceof Double ? SqlType.DOUBLE
                    : value instanceof Boolean ? SqlType.BOOLEAN : SqlType.VARCHAR;
            if (type == null || type == valueType) {
                type = valueType;
            } else if (EnumSet.of(type, valueType).equals(EnumSet.of(SqlType.BIGINT, SqlType.DOUBLE))) {
                type = SqlType.DOUBLE;
            } else {
                return SqlType.VARCHAR;
            }
        }
        return type == null ? SqlType.VARCHAR : type;
    }

    private static void append(DuckDBAppender appender, SqlType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case BIGINT -> appender.append((long) (Long) value);
            case DOUBLE -> appender.append(((Number) value).doubleValue());
            case BOOLEAN -> appender.append((boolean) (Boolean) value);
            default -> appender.append(Table.text(value));
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
