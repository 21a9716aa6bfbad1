package io.sluice.workflows.dataproduct;

/** How a RegisterDataProduct run ended; a refused or failed registration fails the run instead. */
public enum DataProductOutcome {
    /** The catalog, tags, grants and resource links match the spec. */
    REGISTERED
}
