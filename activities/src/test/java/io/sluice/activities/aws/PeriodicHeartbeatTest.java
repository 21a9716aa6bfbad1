package io.sluice.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PeriodicHeartbeatTest {
    @Test
    void whileTheWorkReportsNothing_theLatestProgressIsRepeated_andNothingAfterClose() throws Exception {
        List<Object> sent = new CopyOnWriteArrayList<>();
        try (var heartbeat = new PeriodicHeartbeat(sent::add, "copying image", Duration.ofMillis(5))) {
            awaitSize(sent, 3);
            heartbeat.progress("copied sha256:aa (10 bytes)");
            int reported = sent.size();
            awaitSize(sent, reported + 3);
        }
        int atClose = sent.size();
        Thread.sleep(50);

        assertThat(sent).startsWith("copying image", "copying image", "copying image").contains("copied sha256:aa (10 bytes)");
        assertThat(sent.get(sent.size() - 1)).isEqualTo("copied sha256:aa (10 bytes)");
        assertThat(sent.size()).isLessThanOrEqualTo(atClose + 1);
    }

    @Test
    void withNoInitialDetails_nothingIsSentUntilTheFirstProgress() throws Exception {
        List<Object> sent = new CopyOnWriteArrayList<>();
        try (var heartbeat = new PeriodicHeartbeat(sent::add, null, Duration.ofMillis(5))) {
            Thread.sleep(50);
            assertThat(sent).isEmpty();
            heartbeat.progress(42);
            awaitSize(sent, 3);
        }
        assertThat(sent).containsOnly(42);
    }

    @Test
    void whenATimerHeartbeatLearnsTheActivityIsCancelled_theWorksNextProgressThrowsIt() throws Exception {
        var cancelled = new ActivityCanceledException();
        List<Object> sent = new CopyOnWriteArrayList<>();
        try (var heartbeat = new PeriodicHeartbeat(details -> {
            sent.add(details);
            throw cancelled;
        }, "copying image", Duration.ofMillis(5))) {
            awaitSize(sent, 1);
            Thread.sleep(30);

            assertThatThrownBy(() -> heartbeat.progress("copied sha256:aa")).isSameAs(cancelled);
            assertThat(sent).containsOnly("copying image").hasSize(1);
        }
    }

    private static void awaitSize(List<Object> sent, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(sent).hasSizeGreaterThanOrEqualTo(size);
    }
}
