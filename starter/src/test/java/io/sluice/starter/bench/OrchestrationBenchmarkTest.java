package io.sluice.starter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.sluice.starter.CliRun;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs and prints its figures; what the figures are is for people to read, not for a test
 * to judge. How it names a history's payloads is checked on a history made for the purpose.
 */
class OrchestrationBenchmarkTest {

    @Test
    void orchestration_withSmallCounts_printsEachFigure() {
        CliRun run = CliRun.of("bench", "orchestration", "--activities", "5", "--per-run", "2", "--gates", "3", "--no-lifecycle");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("in process: \\d+\\.\\d\\d ms per activity \\(5 in a row, in runs of 2, after a warm-up\\), \\d+\\.\\d\\d ms CPU")
                .containsPattern("over loopback: \\d+\\.\\d\\d ms per activity, \\d+\\.\\d\\d ms CPU")
                .containsPattern("3 gates open \\(3 opened\\): worker heap [+-]");
    }

    @Test
    void describe_namesEachPayloadOverTheGoalByItsActivity_andGivesTheResultsSize() {
        var history = History.newBuilder()
                .addEvents(HistoryEvent.newBuilder().setEventId(1).setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                        .setWorkflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes.newBuilder()
                                .setInput(payloads(500))))
                .addEvents(HistoryEvent.newBuilder().setEventId(5).setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                        .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
                                .setActivityType(ActivityType.newBuilder().setName("PromotionPlan")).setInput(payloads(100))))
                .addEvents(HistoryEvent.newBuilder().setEventId(7).setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                        .setActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.newBuilder()
                                .setScheduledEventId(5).setResult(payloads(3000))))
                .addEvents(HistoryEvent.newBuilder().setEventId(9).setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                        .setWorkflowExecutionCompletedEventAttributes(WorkflowExecutionCompletedEventAttributes.newBuilder()
                                .setResult(payloads(1000))))
                .build();

        String described = OrchestrationBenchmark.describe("promote/x", new WorkflowExecutionHistory(history));

        assertThat(described).startsWith("promote/x: 4 history events, result 1.0 KB, largest payload 2.9 KB "
                        + "(ACTIVITY_TASK_COMPLETED #7 (PromotionPlan))")
                .endsWith("over 2 KB: ACTIVITY_TASK_COMPLETED #7 (PromotionPlan) 2.9 KB");
    }

    private static Payloads payloads(int bytes) {
        return Payloads.newBuilder().addPayloads(Payload.newBuilder().setData(ByteString.copyFrom(new byte[bytes]))).build();
    }
}
