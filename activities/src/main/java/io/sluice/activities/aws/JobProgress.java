package io.sluice.activities.aws;

import io.temporal.activity.Activity;
import io.temporal.common.converter.DataConverterException;
import java.util.Objects;
import java.util.Optional;

/**
 * What an activity waiting on AWS heartbeats: the kind of thing it waits for, its name and the
 * status it last saw. A retried attempt reads it back to find the job its earlier attempt chose.
 *
 * @param kind e.g. {@code training job}, {@code execution}, {@code stack}
 */
public record JobProgress(String kind, String name, String status) {
    public JobProgress {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(status, "status is null");
    }

    /**
     * The name of the {@code kind} an earlier attempt of the current activity heartbeated, if any;
     * empty outside an activity and on a first attempt.
     */
    public static Optional<String> earlierAttempts(String kind) {
        Optional<JobProgress> last;
        try {
            last = Activity.getExecutionContext().getHeartbeatDetails(JobProgress.class);
        } catch (IllegalStateException notInAnActivity) {
            return Optional.empty();
        } catch (DataConverterException olderDetails) {
            // An attempt on a worker from before this record heartbeated a string: nothing to resume.
            return Optional.empty();
        }
        return last.filter(progress -> progress.kind().equals(kind)).map(JobProgress::name);
    }
}
