package io.sluice.activities.promotion;

import io.sluice.activities.aws.AwsClients;
import io.sluice.workflows.promotion.ArtifactCopyActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import jakarta.inject.Inject;
import java.util.Optional;

/** S3 objects through {@link S3ObjectCopier}, images through {@link EcrImageCopier}. */
public final class ArtifactCopyActivitiesImpl implements ArtifactCopyActivities {
    private final S3ObjectCopier objects;
    private final EcrImageCopier images;

    @Inject
    public ArtifactCopyActivitiesImpl(AwsClients clients, CopySettings settings, EcrImageCopier images) {
        this.objects = new S3ObjectCopier(clients, settings);
        this.images = images;
    }

    @Override
    public ObjectCopy copyObject(ObjectCopyRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Optional<CopyProgress> resumeFrom = context.getHeartbeatDetails(CopyProgress.class);
        return objects.copy(request, resumeFrom, context::heartbeat);
    }

    @Override
    public ImageCopy copyImage(ImageCopyRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        return images.copy(request, progress -> context.heartbeat(progress));
    }
}
