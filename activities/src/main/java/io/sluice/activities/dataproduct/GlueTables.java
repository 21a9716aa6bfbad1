package io.sluice.activities.dataproduct;

import io.sluice.workflows.dataproduct.Column;
import io.sluice.workflows.dataproduct.TableContract;
import io.sluice.workflows.dataproduct.TableFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A table contract as a Glue table and back: Hive external tables, CSV through LazySimpleSerDe,
 * Parquet through ParquetHiveSerDe, as Athena and Glue jobs read them.
 */
final class GlueTables {
    static final String CLASSIFICATION = "classification";
    static final String SKIP_HEADER = "skip.header.line.count";
    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    static final String TEXT_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private GlueTables() {}

    /** The Glue definition of {@code table}, keeping {@code existingParameters} it does not set itself. */
    static TableInput input(TableContract table, Map<String, String> existingParameters) {
        boolean csv = table.format() == TableFormat.csv;
        Map<String, String> parameters = new TreeMap<>(existingParameters);
        parameters.put(CLASSIFICATION, table.format().name());
        parameters.put("EXTERNAL", "TRUE");
        if (table.hasHeader()) {
            parameters.put(SKIP_HEADER, "1");
        } else {
            parameters.remove(SKIP_HEADER);
        }
        StorageDescriptor storage = StorageDescriptor.builder()
                .columns(glueColumns(table.columns()))
                .location(table.location())
                .inputFormat(csv ? TEXT_INPUT : PARQUET_INPUT)
                .outputFormat(csv ? TEXT_OUTPUT : PARQUET_OUTPUT)
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary(csv ? TEXT_SERDE : PARQUET_SERDE)
                        .parameters(csv ? Map.of("field.delim", ",") : Map.of("serialization.format", "1"))
                        .build())
                .build();
        return TableInput.builder()
                .name(table.name())
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(storage)
                .partitionKeys(glueColumns(table.partitionKeys()))
                .parameters(parameters)
                .build();
    }

    /** The contract a Glue table holds: its columns, partition keys, format, header and location. */
    static TableContract contract(Table table) {
        StorageDescriptor storage = table.storageDescriptor();
        List<Column> columns = storage == null ? List.of() : columns(storage.columns());
        String serde = storage == null || storage.serdeInfo() == null || storage.serdeInfo().serializationLibrary() == null
                ? "" : storage.serdeInfo().serializationLibrary().toLowerCase(Locale.ROOT);
        String classification = table.parameters().getOrDefault(CLASSIFICATION, "").toLowerCase(Locale.ROOT);
        TableFormat format = classification.equals("parquet") || serde.contains("parquet") ? TableFormat.parquet : TableFormat.csv;
        boolean header = format == TableFormat.csv && "1".equals(table.parameters().get(SKIP_HEADER));
        String location = storage == null || storage.location() == null || !storage.location().startsWith("s3://")
                ? "" : storage.location();
        return new TableContract(table.name(), columns, columns(table.partitionKeys()), format, header, location);
    }

    private static List<Column> columns(List<software.amazon.awssdk.services.glue.model.Column> columns) {
        return columns.stream()
                .map(column -> new Column(column.name(), column.type() == null || column.type().isBlank() ? "unknown"
                        : column.type()))
                .toList();
    }

    private static List<software.amazon.awssdk.services.glue.model.Column> glueColumns(List<Column> columns) {
        return columns.stream()
                .map(column -> software.amazon.awssdk.services.glue.model.Column.builder()
                        .name(column.name()).type(column.type()).build())
                .toList();
    }
}
