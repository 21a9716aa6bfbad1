package io.sluice.workflows.approval;

import io.sluice.workflows.FailureType;
import io.sluice.workflows.identity.IdentityActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * How workflow code asks STS who sent a proof: one stub configuration (a person is waiting, so a
 * short budget; STS being unreachable is retried a few times) and one way to read why it refused.
 */
final class IdentityChecks {
    private IdentityChecks() {}

    /** The verification activity, with {@code summary} shown in the Web UI. */
    static IdentityActivities stub(String summary) {
        return Workflow.newActivityStub(IdentityActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                .setSummary(summary)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(4)
                        .setDoNotRetry(FailureType.nonRetryableTypes())
                        .build())
                .build());
    }

    /** Why a verification failed: the activity's own message when it refused. */
    static String reason(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure application
                ? application.getOriginalMessage()
                : String.valueOf(failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
    }
}
