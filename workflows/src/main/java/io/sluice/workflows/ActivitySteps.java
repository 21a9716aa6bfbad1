package io.sluice.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;

/** What every Sluice workflow does the same way: how activities retry and for how long, and how a step is shown. */
public final class ActivitySteps {
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
    /** How long a summary may be: the Web UI shows it on one line, and Temporal keeps it small. */
    public static final int SUMMARY_LIMIT = 200;

    private static final WorkflowLocal<String> STEP = WorkflowLocal.withCachedInitial(() -> "");

    private ActivitySteps() {}

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

    /** {@link #quick()} with the one-line summary the Web UI shows for the call. */
    public static ActivityOptions quick(String summary) {
        return summarized(quick(), summary);
    }

    /** {@link #waiting(Duration)} with the one-line summary the Web UI shows for the call. */
    public static ActivityOptions waiting(Duration limit, String summary) {
        return summarized(waiting(limit), summary);
    }

    /**
     * {@code options} with {@code summary}, the line the Web UI shows for the call in the run's
     * timeline; cut to {@value #SUMMARY_LIMIT} characters.
     */
    public static ActivityOptions summarized(ActivityOptions options, String summary) {
        return ActivityOptions.newBuilder(options).setSummary(fit(summary)).build();
    }

    /** {@code text} cut to {@value #SUMMARY_LIMIT} characters, ending in an ellipsis when it was longer. */
    public static String fit(String text) {
        return text.length() <= SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 1) + "…";
    }

    /**
     * Marks the run as at {@code stage} ({@code SluiceStage}) and says what it does there, in words:
     * in the run's current details, and as the summary of every call the step's activities make
     * through {@link #activities}.
     */
    public static void enter(String stage, String details) {
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.STAGE.valueSet(stage));
        Workflow.setCurrentDetails(details);
        STEP.set(details);
    }

    /**
     * A stub of {@code activities} whose every call carries, as its Web UI summary, what the step
     * in progress does (the details of the last {@link #enter}), or the activity's name before any.
     * For blocking calls only: {@code Async.function} does not recognise this proxy as a stub and
     * would run the call on a workflow thread of its own, so calls made in parallel take a stub of
     * {@code Workflow.newActivityStub} with {@link #summarized} options, as the promotion's copies do.
     */
    public static <T> T activities(Class<T> activities, ActivityOptions options) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "summarized stub of " + activities.getSimpleName();
                };
            }
            String step = STEP.get();
            T stub = Workflow.newActivityStub(activities, summarized(options, step.isEmpty() ? method.getName() : step));
            try {
                return method.invoke(stub, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return activities.cast(Proxy.newProxyInstance(activities.getClassLoader(), new Class<?>[] {activities}, handler));
    }
}
