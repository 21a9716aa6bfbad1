package io.sluice.activities.build.flow;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a step notices while it runs and carries on from, e.g. trained parameters that cannot be
 * read and are fitted again: {@link FlowExecutor} collects it per node and reports it with the run.
 */
final class NodeWarnings {
    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private NodeWarnings() {}

    /** Runs {@code step}, adding what it warns of to {@code sink}. */
    static <T> T collect(List<String> sink, Supplier<T> step) {
        List<String> outer = CURRENT.get();
        CURRENT.set(sink);
        try {
            return step.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Records {@code warning} for the step running on this thread; outside a run there is no one to tell. */
    static void warn(String warning) {
        List<String> sink = CURRENT.get();
        if (sink != null) {
            sink.add(warning);
        }
    }
}
