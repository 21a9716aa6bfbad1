package io.sluice.workflows.dataproduct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table of a data product: its declared schema, the contract consumers rely on.
 *
 * @param name the table's name (a Glue name in a spec)
 * @param columns the columns, in order (at least one in a spec)
 * @param partitionKeys the partition columns, in order (default none)
 * @param format how the files are stored (default {@code csv})
 * @param hasHeader whether CSV files start with a header line (default true for CSV, false otherwise)
 * @param location where the table's files are, {@code s3://.../}; in a spec, empty means
 *     {@code <product location><name>/}
 */
public record TableContract(String name, List<Column> columns, List<Column> partitionKeys, TableFormat format, Boolean hasHeader,
        String location) {
    public TableContract {
        name = ProductSpecs.text(name, "");
        columns = columns == null ? List.of() : List.copyOf(columns);
        partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
        format = format == null ? TableFormat.csv : format;
        hasHeader = hasHeader == null ? format == TableFormat.csv : hasHeader;
        location = ProductSpecs.prefix(location);
    }

    /** Checks the table's own rules (columns once each, a header only on csv, its location); the names are checked by the spec. */
    void validate() {
        Set<String> seen = new HashSet<>();
        for (Column column : allColumns()) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("columns of table " + name + " name '" + column.name()
                        + "' more than once (partition keys included); expected each column once");
            }
        }
        if (hasHeader && format != TableFormat.csv) {
            throw new IllegalArgumentException("hasHeader of table " + name + " is true, but only csv tables have a header line");
        }
        if (!location.isEmpty()) {
            ProductSpecs.s3Prefix("location of table " + name, location);
        }
    }

    public TableContract locatedUnder(String productLocation) {
        return location.isEmpty()
                ? new TableContract(name, columns, partitionKeys, format, hasHeader, productLocation + name + "/")
                : this;
    }

    /** The columns, then the partition keys. */
    public List<Column> allColumns() {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(partitionKeys);
        return all;
    }
}
