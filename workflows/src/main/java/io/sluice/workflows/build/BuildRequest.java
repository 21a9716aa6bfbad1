package io.sluice.workflows.build;

import java.util.Objects;

/**
 * Input of BuildModel.
 *
 * @param spec what to build
 * @param runKey what makes this run unique within its group (part of the workflow id), e.g. a date
 * @param requester who asked for the build (may not approve it)
 */
public record BuildRequest(BuildSpec spec, String runKey, String requester) {
    public BuildRequest {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(runKey, "runKey is null");
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the build");
        }
    }
}
