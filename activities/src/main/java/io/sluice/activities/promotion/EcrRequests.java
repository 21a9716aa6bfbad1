package io.sluice.activities.promotion;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerRequest;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;

/** The ECR API request that authorizes the same action as a registry protocol call on ECR. */
final class EcrRequests {
    private EcrRequests() {}

    static SdkRequest equivalent(String action, String registryId, String repository, String reference) {
        boolean digest = reference.startsWith("sha256:");
        return switch (action) {
            case "BatchGetImage" -> BatchGetImageRequest.builder().registryId(registryId).repositoryName(repository)
                    .imageIds(digest ? ImageIdentifier.builder().imageDigest(reference).build()
                            : ImageIdentifier.builder().imageTag(reference).build())
                    .build();
            case "BatchCheckLayerAvailability" -> BatchCheckLayerAvailabilityRequest.builder().registryId(registryId)
                    .repositoryName(repository).layerDigests(reference).build();
            case "GetDownloadUrlForLayer" -> GetDownloadUrlForLayerRequest.builder().registryId(registryId)
                    .repositoryName(repository).layerDigest(reference).build();
            case "InitiateLayerUpload" -> InitiateLayerUploadRequest.builder().registryId(registryId).repositoryName(repository).build();
            case "UploadLayerPart" -> UploadLayerPartRequest.builder().registryId(registryId).repositoryName(repository).build();
            case "CompleteLayerUpload" -> CompleteLayerUploadRequest.builder().registryId(registryId).repositoryName(repository)
                    .layerDigests(reference).build();
            case "PutImage" -> PutImageRequest.builder().registryId(registryId).repositoryName(repository)
                    .imageTag(digest ? null : reference).imageDigest(digest ? reference : null).build();
            default -> throw new IllegalArgumentException("no ECR action '" + action + "' for a registry call");
        };
    }
}
