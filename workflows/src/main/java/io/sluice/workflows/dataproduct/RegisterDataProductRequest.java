package io.sluice.workflows.dataproduct;

import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.RequestedRun;
import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * Input of RegisterDataProduct.
 *
 * @param spec the data product
 * @param requester who asked for the registration; also the requester of a retraining build
 * @param requesterProof the requester's proof of identity, bound to the run's start, or null
 * @param requesterPrincipal the requester a parent run verified (trusted in child runs only), or null
 */
public record RegisterDataProductRequest(DataProductSpec spec, String requester,
        IdentityProof requesterProof, VerifiedPrincipal requesterPrincipal) implements RequestedRun, Validated {
    public RegisterDataProductRequest {
        Objects.requireNonNull(spec, "spec is null");
        requester = requester == null ? "" : requester;
    }

    @Override
    public void validate() {
        if (requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the registration");
        }
        spec.validate();
    }

    /** A request whose requester is only declared. */
    public RegisterDataProductRequest(DataProductSpec spec, String requester) {
        this(spec, requester, null, null);
    }

    @Override
    public RegisterDataProductRequest withoutRequesterProof() {
        return new RegisterDataProductRequest(spec, requester, null, requesterPrincipal);
    }
}
