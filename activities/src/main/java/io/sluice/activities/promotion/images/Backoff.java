package io.sluice.activities.promotion.images;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between tries of a registry call: 250 ms, then doubling, plus up to half as much again at random. */
final class Backoff {
    private static final Duration FIRST = Duration.ofMillis(250);

    private Backoff() {}

    /** Sleeps after the {@code tried}-th failed try (1 for the first). */
    static void after(int tried) throws InterruptedException {
        long millis = FIRST.toMillis() << Math.min(tried - 1, 6);
        Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
