package io.sluice.activities.aws;

import java.util.List;
import java.util.function.Supplier;

/**
 * Who approved the run the current activity works for, as its {@code sluice-approved-by} header
 * says; {@link RunSessions} names them in the role session (tag and {@code SourceIdentity}). Set by
 * the worker's activity interceptor around each activity.
 */
public final class CallAttribution {
    private static final ThreadLocal<List<String>> APPROVERS = ThreadLocal.withInitial(List::of);

    private CallAttribution() {}

    /** Runs {@code activity} with {@code approvers} as the current activity's approvers. */
    public static <T> T withApprovers(List<String> approvers, Supplier<T> activity) {
        List<String> before = APPROVERS.get();
        APPROVERS.set(List.copyOf(approvers));
        try {
            return activity.get();
        } finally {
            APPROVERS.set(before);
        }
    }

    /** The current activity's approvers; empty before any verified approval or outside an activity. */
    public static List<String> approvers() {
        return APPROVERS.get();
    }
}
