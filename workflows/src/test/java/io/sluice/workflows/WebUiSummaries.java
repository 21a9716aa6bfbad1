package io.sluice.workflows;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/** What the Web UI shows of a run: the summary of each activity call and timer in its history. */
public final class WebUiSummaries {
    private WebUiSummaries() {}

    /**
     * The activity calls and timers of {@code workflowId}'s latest run that tell nothing: no summary,
     * or only the activity's own method name (what a call made before any step was entered gets),
     * e.g. {@code activity RegistryEnsureGroup}.
     */
    public static List<String> missing(WorkflowClient client, String workflowId) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(event -> event.hasActivityTaskScheduledEventAttributes() || event.hasTimerStartedEventAttributes())
                .filter(event -> summary(event).isBlank() || namesOnlyTheMethod(event))
                .map(WebUiSummaries::describe)
                .toList();
    }

    /** Every summary in the history, in order: activities' and timers'. */
    public static List<String> all(WorkflowClient client, String workflowId) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(event -> event.hasActivityTaskScheduledEventAttributes() || event.hasTimerStartedEventAttributes())
                .map(WebUiSummaries::summary)
                .toList();
    }

    private static String summary(HistoryEvent event) {
        if (!event.hasUserMetadata() || !event.getUserMetadata().hasSummary()) {
            return "";
        }
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(event.getUserMetadata().getSummary(), String.class, String.class);
    }

    private static boolean namesOnlyTheMethod(HistoryEvent event) {
        return event.hasActivityTaskScheduledEventAttributes() && event.getActivityTaskScheduledEventAttributes().getActivityType()
                .getName().toLowerCase(java.util.Locale.ROOT).endsWith(summary(event).toLowerCase(java.util.Locale.ROOT));
    }

    private static String describe(HistoryEvent event) {
        return event.hasActivityTaskScheduledEventAttributes()
                ? "activity " + event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                : "timer " + event.getTimerStartedEventAttributes().getTimerId();
    }
}
