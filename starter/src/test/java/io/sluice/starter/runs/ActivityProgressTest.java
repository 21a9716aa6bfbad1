package io.sluice.starter.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityProgressTest {
    private static final ActivityType TRAIN = ActivityType.newBuilder().setName("JobsTrain").build();
    private static final ActivityType ENSURE_GROUP = ActivityType.newBuilder().setName("RegistryEnsureGroup").build();

    @Test
    void anActivityWhoseAttemptFailed_saysRetryingWithTheReasonAndTheAttempt() {
        var pending = PendingActivityInfo.newBuilder().setActivityType(ENSURE_GROUP)
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED).setAttempt(3)
                .setLastFailure(Failure.newBuilder().setMessage("SageMaker is throttling CreateModelPackageGroup").build())
                .build();

        assertThat(ActivityProgress.line(pending, DefaultDataConverter.newDefaultInstance()))
                .isEqualTo("RegistryEnsureGroup: retrying: SageMaker is throttling CreateModelPackageGroup, attempt 3");
    }

    @Test
    void aFirstAttempt_saysItsState() {
        var pending = PendingActivityInfo.newBuilder().setActivityType(ENSURE_GROUP)
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).setAttempt(1).build();

        assertThat(ActivityProgress.line(pending, DefaultDataConverter.newDefaultInstance()))
                .isEqualTo("RegistryEnsureGroup: started");
    }

    @Test
    void anActivityWaitingOnAJob_saysWhichJobAndTheStatusItLastSaw() {
        var converter = DefaultDataConverter.newDefaultInstance();
        var details = converter.toPayloads(Map.of("kind", "training job", "name", "credit-risk-train-1a2b3c4d-g2",
                "status", "InProgress")).orElseThrow();
        var pending = PendingActivityInfo.newBuilder().setActivityType(TRAIN)
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).setAttempt(1).setHeartbeatDetails(details).build();

        assertThat(ActivityProgress.line(pending, converter))
                .isEqualTo("JobsTrain: started; training job credit-risk-train-1a2b3c4d-g2: InProgress");
    }
}
