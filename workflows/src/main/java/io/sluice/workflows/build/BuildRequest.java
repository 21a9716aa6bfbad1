package io.sluice.workflows.build;

import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.RequestedRun;
import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * Input of BuildModel.
 *
 * @param spec what to build
 * @param runKey what makes this run unique within its group (part of the workflow id), e.g. a date
 * @param requester who asked for the build (may not approve it)
 * @param requesterProof the requester's proof of identity, bound to the run's start, or null
 * @param requesterPrincipal the requester a parent run verified (trusted in child runs only), or null
 */
public record BuildRequest(BuildSpec spec, String runKey, String requester,
        IdentityProof requesterProof, VerifiedPrincipal requesterPrincipal) implements RequestedRun, Validated {
    public BuildRequest {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(runKey, "runKey is null");
        requester = requester == null ? "" : requester;
    }

    @Override
    public void validate() {
        if (requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the build");
        }
        spec.validate();
    }

    /** A request whose requester is only declared. */
    public BuildRequest(BuildSpec spec, String runKey, String requester) {
        this(spec, runKey, requester, null, null);
    }

    @Override
    public BuildRequest withoutRequesterProof() {
        return new BuildRequest(spec, runKey, requester, null, requesterPrincipal);
    }
}
