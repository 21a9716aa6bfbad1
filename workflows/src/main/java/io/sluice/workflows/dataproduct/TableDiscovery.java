package io.sluice.workflows.dataproduct;

/** Where a data product's tables come from. */
public enum TableDiscovery {
    /** From the tables declared in the spec: the data contract. */
    contract,
    /** From a Glue crawler run over the product's location; declared tables, if any, are checked against its result. */
    crawler
}
