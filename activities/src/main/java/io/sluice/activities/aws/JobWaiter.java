package io.sluice.activities.aws;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for something AWS runs (a job, an execution, a stack) inside an activity: polls with
 * backoff from 1 s growing to 15 s, and heartbeats the status it last saw, so a restarted worker
 * resumes the wait, the Web UI shows where it is, and a cancelled activity stops waiting.
 */
public final class JobWaiter {
    private static final Logger log = LoggerFactory.getLogger(JobWaiter.class);
    static final Duration FIRST_POLL = Duration.ofSeconds(1);
    static final Duration LONGEST_POLL = Duration.ofSeconds(15);

    private JobWaiter() {}

    /**
     * Polls {@code describe} until {@code finished} says the returned state is final, and returns it.
     *
     * @param kind and {@code name} say what it waits for, e.g. {@code processing job} and
     *     {@code credit-risk-proc-1a2b3c4d}; heartbeated as a {@link JobProgress} and logged
     * @param status the status word of a state, heartbeated and logged
     */
    public static <S> S await(String kind, String name, Supplier<S> describe, Function<S, String> status,
            Function<S, Boolean> finished) {
        return await(kind, name, describe, status, finished, () -> { });
    }

    /**
     * As {@link #await(String, String, Supplier, Function, Function)}, and when the activity is
     * cancelled (a person cancelled the run) runs {@code stop} before passing the cancellation on,
     * so what the step started on AWS stops too. A worker shutting down does not stop it: the
     * activity's next attempt resumes the wait.
     */
    public static <S> S await(String kind, String name, Supplier<S> describe, Function<S, String> status,
            Function<S, Boolean> finished, Runnable stop) {
        String what = kind + " " + name;
        Duration pause = FIRST_POLL;
        String last = "";
        while (true) {
            S state = describe.get();
            String current = status.apply(state);
            try {
                heartbeat(new JobProgress(kind, name, current));
            } catch (ActivityCanceledException cancelled) {
                log.info("{} is cancelled: stopping it", what);
                try {
                    stop.run();
                } catch (RuntimeException notStopped) {
                    cancelled.addSuppressed(notStopped);
                    log.warn("{} could not be stopped: {}", what, notStopped.getMessage());
                }
                throw cancelled;
            }
            if (!current.equals(last)) {
                log.info("{} is {}", what, current);
                last = current;
            }
            if (finished.apply(state)) {
                return state;
            }
            sleep(pause);
            pause = pause.multipliedBy(3).dividedBy(2);
            if (pause.compareTo(LONGEST_POLL) > 0) {
                pause = LONGEST_POLL;
            }
        }
    }

    private static void heartbeat(JobProgress details) {
        try {
            Activity.getExecutionContext().heartbeat(details);
        } catch (IllegalStateException notInAnActivity) {
            // Called outside an activity (a benchmark or a tool): nothing to heartbeat to.
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
