package io.sluice.workflows.dataproduct;

import io.sluice.workflows.runs.RunOutcome;

/** How a RegisterDataProduct run ended; a refused or failed registration fails the run instead. */
public enum DataProductOutcome implements RunOutcome {
    /** The catalog, tags, grants and resource links match the spec. */
    REGISTERED;

    @Override
    public boolean succeeded() {
        return this == REGISTERED;
    }
}
