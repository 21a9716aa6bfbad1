package io.sluice.workflows.deployment;

import io.sluice.workflows.registry.ModelPackageArn;
import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.RequestedRun;
import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * Input of DeployModel.
 *
 * @param modelPackageArn the approved package in shared services
 * @param spec where and how to deploy
 * @param requester who asked for the deployment (may not approve it)
 * @param requesterProof the requester's proof of identity, bound to the run's start, or null
 * @param requesterPrincipal the requester a parent run verified (trusted in child runs only), or null
 * @param atGate where the previous run stood when it continued as new at its gate (trusted in a
 *     continued run only); null in a run that starts from the beginning
 */
public record DeployRequest(String modelPackageArn, DeploymentSpec spec, String requester,
        IdentityProof requesterProof, VerifiedPrincipal requesterPrincipal, DeployAtGate atGate) implements RequestedRun, Validated {
    public DeployRequest {
        Objects.requireNonNull(modelPackageArn, "modelPackageArn is null");
        Objects.requireNonNull(spec, "spec is null");
        requester = requester == null ? "" : requester;
    }

    @Override
    public void validate() {
        ModelPackageArn.parse("modelPackageArn", modelPackageArn);
        if (requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the deployment");
        }
        spec.validate();
    }

    /** A request to start a deployment from the beginning. */
    public DeployRequest(String modelPackageArn, DeploymentSpec spec, String requester, IdentityProof requesterProof,
            VerifiedPrincipal requesterPrincipal) {
        this(modelPackageArn, spec, requester, requesterProof, requesterPrincipal, null);
    }

    /** A request whose requester is only declared. */
    public DeployRequest(String modelPackageArn, DeploymentSpec spec, String requester) {
        this(modelPackageArn, spec, requester, null, null);
    }

    /** The input of the run this one continues as, waiting at its gate {@code at}. */
    public DeployRequest continuedAt(DeployAtGate at) {
        return new DeployRequest(modelPackageArn, spec, requester, null, requesterPrincipal, at);
    }

    /** The request as it was asked for: without the proof, and without where a continued run resumes. */
    @Override
    public DeployRequest withoutRequesterProof() {
        return new DeployRequest(modelPackageArn, spec, requester, null, requesterPrincipal, null);
    }
}
