package io.sluice.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SluiceWorkerOptionsTest {
    @Test
    void heartbeats_areHeldBackAtMostFiveSeconds_soACancelledStepStopsItsAwsWorkSoon() {
        assertThat(SluiceWorker.workerOptions(true).getMaxHeartbeatThrottleInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SluiceWorker.workerOptions(false).getMaxHeartbeatThrottleInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutStickyExecution_workflowTasksCarryNoStickyQueue() {
        assertThat(SluiceWorker.workerOptions(false).getStickyQueueScheduleToStartTimeout()).isEqualTo(Duration.ZERO);
        assertThat(SluiceWorker.workerOptions(true).getStickyQueueScheduleToStartTimeout()).isNotEqualTo(Duration.ZERO);
    }
}
