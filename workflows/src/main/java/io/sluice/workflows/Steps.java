package io.sluice.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** What every Sluice workflow does the same way: how activities retry and for how long, and how a step is shown. */
public final class Steps {
    /**
     * Retries from 1 s growing to a minute, except for the non-retryable failure types, until the
     * step's schedule-to-close budget runs out: no step retries for ever.
     */
    public static final RetryOptions RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(1))
            .setDoNotRetry(FailureType.nonRetryableTypes())
            .build();
    /** How long a short AWS call may keep retrying (throttling, an outage, IAM propagation) before its step fails. */
    public static final Duration QUICK_BUDGET = Duration.ofHours(1);

    private Steps() {}

    /** Options for short AWS calls: two minutes each attempt, {@link #QUICK_BUDGET} in all. */
    public static ActivityOptions quick() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setScheduleToCloseTimeout(QUICK_BUDGET)
                .setRetryOptions(RETRIES)
                .build();
    }

    /**
     * Options for activities that wait on AWS, heartbeating: {@code limit} each attempt, two minutes
     * between heartbeats, and twice {@code limit} in all, so a restarted worker's attempt can still
     * finish the wait while a step that keeps failing ends. A cancelled run waits for the step to
     * stop what it started on AWS.
     */
    public static ActivityOptions waiting(Duration limit) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(limit)
                .setScheduleToCloseTimeout(limit.multipliedBy(2))
                .setHeartbeatTimeout(Duration.ofMinutes(2))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RETRIES)
                .build();
    }

    /** Marks the run as at {@code stage} ({@code SluiceStage}) and says what it does there, in words. */
    public static void enter(String stage, String details) {
        Workflow.upsertTypedSearchAttributes(SearchAttributes.STAGE.valueSet(stage));
        Workflow.setCurrentDetails(details);
    }
}
