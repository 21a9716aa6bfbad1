package io.sluice.activities.build.flow;

/**
 * A SOURCE node's dataset: what to read and how.
 *
 * @param nodeId the source node
 * @param name the dataset's name in the flow (what the spec's {@code inputs} keys name)
 * @param s3Uri where the flow says the data is
 * @param contentType {@code csv} or {@code parquet}
 * @param header whether the first record names the columns
 * @param delimiter the field delimiter
 */
public record FlowSource(String nodeId, String name, String s3Uri, String contentType, boolean header, char delimiter) {}
