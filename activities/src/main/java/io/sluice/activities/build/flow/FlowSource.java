package io.sluice.activities.build.flow;

/**
 * A SOURCE node's dataset: what to read and how.
 *
 * @param nodeId the source node
 * @param operator the source node's operator: an S3 source, or an Athena source, whose query
 *     local mode does not run (its result is given instead)
 * @param name the dataset's name in the flow (what the spec's {@code inputs} keys name)
 * @param s3Uri where the flow says the data is; empty for an Athena source
 * @param contentType {@code csv}, {@code parquet} or, for an Athena source's result,
 *     {@value #QUERY_RESULT}: parquet when the object is a parquet file, else CSV with a header row
 * @param header whether the first record names the columns
 * @param delimiter the field delimiter
 */
public record FlowSource(String nodeId, String operator, String name, String s3Uri, String contentType, boolean header,
        char delimiter) {
    public static final String QUERY_RESULT = "query-result";

    /** Whether the flow reads this dataset with an Athena query, whose result local mode must be given. */
    public boolean isAthenaQuery() {
        return contentType.equals(QUERY_RESULT);
    }

    /** Why local mode cannot read this dataset without an input, naming its node and what to give. */
    public String missingInput(String whatToGive) {
        return "node " + nodeId + " (" + operator + "): no " + whatToGive + " for SOURCE dataset " + name
                + (isAthenaQuery() ? "; local mode does not run its Athena query: give the query's result (CSV with a header "
                        + "row, or parquet)" : "");
    }
}
