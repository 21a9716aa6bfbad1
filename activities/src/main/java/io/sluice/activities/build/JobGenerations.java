package io.sluice.activities.build;

import io.sluice.activities.aws.JobProgress;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.ResourceNames;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Chooses the name of a job or execution whose names AWS holds after it ends (SageMaker jobs for
 * ever, Step Functions executions for 90 days). The step's name is its first generation; when a
 * job of that name ended badly in an earlier run, the run uses the next generation,
 * {@code <name>-g2}, {@code -g3} and so on. A job found running or succeeded is the step's to
 * adopt, once its caller has compared it with the request. A retried attempt keeps the name its
 * earlier attempt heartbeated, so a run never starts a second job to get past its own failure.
 *
 * @param <S> what describing a job answers
 */
final class JobGenerations<S> {
    /** Generations tried before the step gives up: a run key restarted this often needs a person. */
    static final int MOST = 20;

    private final String kind;
    private final int nameLimit;
    private final Predicate<String> create;
    private final Function<String, S> describe;
    private final Predicate<S> endedBadly;

    /**
     * @param kind e.g. {@code training job}, as the waiting heartbeats it
     * @param create creates the job of the name; false when a job already holds the name
     * @param describe the job of a name known to exist
     * @param endedBadly whether a described job failed, stopped, timed out or was aborted
     */
    JobGenerations(String kind, int nameLimit, Predicate<String> create, Function<String, S> describe,
            Predicate<S> endedBadly) {
        this.kind = kind;
        this.nameLimit = nameLimit;
        this.create = create;
        this.describe = describe;
        this.endedBadly = endedBadly;
    }

    /** The job the step runs under a name derived from {@code name}; created by this call or found. */
    Chosen<S> choose(String name) {
        var earlier = JobProgress.earlierAttempts(kind);
        if (earlier.isPresent()) {
            return new Chosen<>(earlier.get(), describe.apply(earlier.get()));
        }
        for (int generation = 1; generation <= MOST; generation++) {
            String candidate = name(name, generation, nameLimit);
            if (create.test(candidate)) {
                return new Chosen<>(candidate, null);
            }
            S found = describe.apply(candidate);
            if (!endedBadly.test(found)) {
                return new Chosen<>(candidate, found);
            }
        }
        throw FailureType.CONFLICT.failure(kind + " " + name + " and its next " + (MOST - 1)
                + " generations all ended badly in earlier runs of this run key; read their failure reasons, then start "
                + "the run with a new run key");
    }

    /** {@code name} for the first generation, else {@code name-g<generation>} within {@code limit} characters. */
    static String name(String name, int generation, int limit) {
        return generation == 1 ? name : ResourceNames.withSuffix(name, "-g" + generation, limit);
    }

    /**
     * @param found the job that held the name, to compare with the request before adopting it;
     *     null when this call created it
     */
    record Chosen<S>(String name, S found) {
        boolean created() {
            return found == null;
        }
    }
}
