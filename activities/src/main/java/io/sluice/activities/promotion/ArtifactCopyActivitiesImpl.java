package io.sluice.activities.promotion;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.PeriodicHeartbeat;
import io.sluice.activities.aws.S3Objects;
import io.sluice.workflows.promotion.ArtifactCopyActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/** S3 objects through {@link S3ObjectCopier}, images through {@link EcrImageCopier}. */
public final class ArtifactCopyActivitiesImpl implements ArtifactCopyActivities {
    /** Well within the copy steps' heartbeat timeout, however long one blob or part streams. */
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);
    private final S3ObjectCopier objects;
    private final EcrImageCopier images;
    private final CopyRecords records;

    @Inject
    public ArtifactCopyActivitiesImpl(AwsClients clients, CopySettings settings, EcrImageCopier images) {
        this.objects = new S3ObjectCopier(clients, settings);
        this.images = images;
        this.records = new CopyRecords(new S3Objects(clients));
    }

    @Override
    public ObjectCopy copyObject(ObjectCopyRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Optional<CopyProgress> resumeFrom = context.getHeartbeatDetails(CopyProgress.class);
        try (var heartbeat = new PeriodicHeartbeat(context::heartbeat, resumeFrom.orElse(null), HEARTBEAT_EVERY)) {
            return objects.copy(request, resumeFrom, heartbeat::progress);
        }
    }

    @Override
    public ImageCopy copyImage(ImageCopyRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        try (var heartbeat = new PeriodicHeartbeat(context::heartbeat, "copying " + request.sourceImage(), HEARTBEAT_EVERY)) {
            return images.copy(request, heartbeat::progress);
        }
    }

    @Override
    public CopyRecord recordCopies(CopyRecordRequest request) {
        return records.write(request);
    }
}
