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
 * @param atGate where the previous run stood when it continued as new at its gate (trusted in a
 *     continued run only); null in a run that starts from the beginning
 */
public record BuildRequest(BuildSpec spec, String runKey, String requester,
        IdentityProof requesterProof, VerifiedPrincipal requesterPrincipal, BuildAtGate atGate) implements RequestedRun, Validated {
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

    /** A request to start a build from the beginning. */
    public BuildRequest(BuildSpec spec, String runKey, String requester, IdentityProof requesterProof,
            VerifiedPrincipal requesterPrincipal) {
        this(spec, runKey, requester, requesterProof, requesterPrincipal, null);
    }

    /** A request whose requester is only declared. */
    public BuildRequest(BuildSpec spec, String runKey, String requester) {
        this(spec, runKey, requester, null, null);
    }

    /** The input of the run this one continues as, waiting at its gate {@code at}. */
    public BuildRequest continuedAt(BuildAtGate at) {
        return new BuildRequest(spec, runKey, requester, null, requesterPrincipal, at);
    }

    /** The request as it was asked for: without the proof, and without where a continued run resumes. */
    @Override
    public BuildRequest withoutRequesterProof() {
        return new BuildRequest(spec, runKey, requester, null, requesterPrincipal, null);
    }
}
