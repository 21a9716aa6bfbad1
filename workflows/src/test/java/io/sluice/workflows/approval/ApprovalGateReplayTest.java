package io.sluice.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApprovalGateReplayTest {
    static final String HISTORY = "histories/approval-gate-quorum.json";

    @Test
    void recordedHistory_replaysWithTheCurrentGate() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, GateHostWorkflow.Impl.class);
    }

    @Test
    void recordedHistory_holdsTheScenarioItClaims() throws IOException {
        String json = resource(HISTORY);
        var history = WorkflowExecutionHistory.fromJson(json);

        assertThat(history.getEvents()).extracting(event -> event.getEventType())
                .containsSubsequence(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                        EventType.EVENT_TYPE_TIMER_FIRED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(history.getEvents()).filteredOn(event -> event.hasActivityTaskScheduledEventAttributes())
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsExactly("ApprovalPolicy", "ApprovalRemind");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ApprovalGateReplayTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
