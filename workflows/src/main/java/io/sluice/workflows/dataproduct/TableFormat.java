package io.sluice.workflows.dataproduct;

/** How a table's files are stored. */
public enum TableFormat {
    /** Comma-separated text, optionally with a header line. */
    csv,
    /** Apache Parquet. */
    parquet
}
