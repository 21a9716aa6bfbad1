package io.sluice.activities.promotion.images;

/**
 * Told of each registry protocol call a {@link RegistryClient} makes, by the ECR API action that
 * authorizes it on ECR ({@code BatchGetImage} for a manifest pull, {@code GetDownloadUrlForLayer}
 * for a blob, {@code InitiateLayerUpload}, {@code UploadLayerPart} and {@code CompleteLayerUpload}
 * for a blob push, {@code PutImage} for a manifest push, {@code BatchCheckLayerAvailability} for a
 * blob check). Must be thread-safe; {@link #NONE} hears nothing.
 */
@FunctionalInterface
public interface RegistryCallObserver {
    RegistryCallObserver NONE = (action, repository, reference) -> { };

    /**
     * @param action the ECR action, e.g. {@code BatchGetImage}
     * @param repository the repository the call acts on
     * @param reference the tag or digest the call names
     */
    void called(String action, String repository, String reference);
}
