package io.sluice.activities.aws;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Heartbeats the latest progress of long work from a timer, not only when the work reports it: a
 * single layer or object part can stream for longer than the heartbeat timeout, and without a
 * heartbeat meanwhile Temporal would take the worker for dead and start the activity again. The
 * work calls {@link #progress} whenever it has news; the timer repeats the latest every
 * {@code every}; until there is any, it repeats {@code initial}, or nothing when that is null (for
 * work whose details a retry reads back as one type). When a timer heartbeat learns that the
 * activity was cancelled, the work's next {@link #progress} throws that, so the work stops. Closing
 * stops the timer.
 */
public final class PeriodicHeartbeat implements AutoCloseable {
    private final AtomicReference<Object> latest;
    private final Consumer<Object> heartbeat;
    private final ScheduledExecutorService timer;
    /** What a timer heartbeat learnt: the activity was cancelled or is gone; the work's next progress throws it. */
    private final AtomicReference<ActivityCompletionException> ended = new AtomicReference<>();

    /**
     * @param heartbeat where details go (the activity's {@code ActivityExecutionContext::heartbeat})
     * @param initial the details until the work reports progress; null for none
     */
    public PeriodicHeartbeat(Consumer<Object> heartbeat, Object initial, Duration every) {
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat is null");
        this.latest = new AtomicReference<>(initial);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "periodic-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = every.toMillis();
        timer.scheduleAtFixedRate(() -> {
            Object details = latest.get();
            if (details != null && ended.get() == null) {
                try {
                    heartbeat.accept(details);
                } catch (ActivityCompletionException cancelledOrGone) {
                    ended.set(cancelledOrGone);
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Heartbeats of the activity running on this thread; none when the work runs outside an
     * activity (a benchmark, {@code sluice flow run}, a test calling the implementation directly).
     */
    public static PeriodicHeartbeat ofCurrentActivity(Object initial, Duration every) {
        Consumer<Object> heartbeat;
        try {
            var context = Activity.getExecutionContext();
            heartbeat = context::heartbeat;
        } catch (IllegalStateException notInAnActivity) {
            heartbeat = details -> { };
        }
        return new PeriodicHeartbeat(heartbeat, initial, every);
    }

    /** Records {@code details} as the latest progress and heartbeats it now. */
    public void progress(Object details) {
        ActivityCompletionException cancelledOrGone = ended.get();
        if (cancelledOrGone != null) {
            throw cancelledOrGone;
        }
        latest.set(Objects.requireNonNull(details, "details is null"));
        heartbeat.accept(details);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
