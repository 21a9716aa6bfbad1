package io.sluice.workflows.promotion;

import java.util.Objects;

/**
 * Input of PromoteModel.
 *
 * @param sourceModelPackageArn the approved package in the development account
 * @param spec where and how to promote
 * @param requester who asked for the promotion (may not approve it)
 */
public record PromoteRequest(String sourceModelPackageArn, PromotionSpec spec, String requester) {
    public PromoteRequest {
        if (sourceModelPackageArn == null
                || !sourceModelPackageArn.matches("arn:aws(?:-[a-z]+)*:sagemaker:[a-z0-9-]+:\\d{12}:model-package/.+")) {
            throw new IllegalArgumentException("modelPackageArn '" + sourceModelPackageArn
                    + "' is not a model package ARN; expected arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
        }
        Objects.requireNonNull(spec, "spec is null");
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("requester is missing; expected who asks for the promotion");
        }
    }
}
