package io.sluice.workflows.promotion;

import io.sluice.workflows.registry.ModelPackageArn;
import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.RequestedRun;
import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * Input of PromoteModel.
 *
 * @param sourceModelPackageArn the approved package in the development account
 * @param spec where and how to promote
 * @param requester who asked for the promotion (may not approve it)
 * @param requesterProof the requester's proof of identity, bound to the run's start, or null
 * @param requesterPrincipal the requester a parent run verified (trusted in child runs only), or null
 * @param atGate where the previous run stood when it continued as new at its gate (trusted in a
 *     continued run only); null in a run that starts from the beginning
 */
public record PromoteRequest(String sourceModelPackageArn, PromotionSpec spec, String requester,
        IdentityProof requesterProof, VerifiedPrincipal requesterPrincipal, PromotionAtGate atGate)
        implements RequestedRun, Validated {
    public PromoteRequest {
        Objects.requireNonNull(sourceModelPackageArn, "sourceModelPackageArn is null");
        Objects.requireNonNull(spec, "spec is null");
        requester = requester == null ? "" : requester;
    }

    @Override
    public void validate() {
        ModelPackageArn.parse("modelPackageArn", sourceModelPackageArn);
        if (requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the promotion");
        }
        spec.validate();
    }

    /** A request to start a promotion from the beginning. */
    public PromoteRequest(String sourceModelPackageArn, PromotionSpec spec, String requester, IdentityProof requesterProof,
            VerifiedPrincipal requesterPrincipal) {
        this(sourceModelPackageArn, spec, requester, requesterProof, requesterPrincipal, null);
    }

    /** A request whose requester is only declared. */
    public PromoteRequest(String sourceModelPackageArn, PromotionSpec spec, String requester) {
        this(sourceModelPackageArn, spec, requester, null, null);
    }

    /** The input of the run this one continues as, waiting at its gate {@code at}. */
    public PromoteRequest continuedAt(PromotionAtGate at) {
        return new PromoteRequest(sourceModelPackageArn, spec, requester, null, requesterPrincipal, at);
    }

    /** The request as it was asked for: without the proof, and without where a continued run resumes. */
    @Override
    public PromoteRequest withoutRequesterProof() {
        return new PromoteRequest(sourceModelPackageArn, spec, requester, null, requesterPrincipal, null);
    }
}
