package io.sluice.workflows.dataproduct;

import java.util.Objects;

/**
 * Input of RegisterDataProduct.
 *
 * @param spec the data product
 * @param requester who asked for the registration; also the requester of a retraining build
 */
public record RegisterDataProductRequest(DataProductSpec spec, String requester) {
    public RegisterDataProductRequest {
        Objects.requireNonNull(spec, "spec is null");
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the registration");
        }
    }
}
