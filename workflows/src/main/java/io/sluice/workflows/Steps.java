package io.sluice.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** What every Sluice workflow does the same way: how activities retry, and how a step is shown. */
public final class Steps {
    /** Retries from 1 s growing to a minute, forever, except for the non-retryable failure types. */
    public static final RetryOptions RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofMinutes(1))
            .setDoNotRetry(FailureType.nonRetryableTypes())
            .build();

    private Steps() {}

    /** Options for short AWS calls: two minutes each attempt. */
    public static ActivityOptions quick() {
        return ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).setRetryOptions(RETRIES).build();
    }

    /** Options for activities that wait on AWS, heartbeating: {@code limit} in all, two minutes between heartbeats. */
    public static ActivityOptions waiting(Duration limit) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(limit)
                .setHeartbeatTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RETRIES)
                .build();
    }

    /** Marks the run as at {@code stage} ({@code SluiceStage}) and says what it does there, in words. */
    public static void enter(String stage, String details) {
        Workflow.upsertTypedSearchAttributes(SearchAttributes.STAGE.valueSet(stage));
        Workflow.setCurrentDetails(details);
    }
}
