package io.sluice.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recorded history of a gate that requires proof holds what its recorder claims (it replays in RecordedHistoriesReplayTest). */
class ProvenApprovalGateReplayTest {
    static final String HISTORY = "histories/approval-gate-proven.json";

    @Test
    void recordedHistory_verifiesEachProvenDecisionWithAnActivity_andNoneForTheUnprovenSignal() throws IOException {
        var history = WorkflowExecutionHistory.fromJson(resource(HISTORY));

        assertThat(history.getEvents()).extracting(event -> event.getEventType())
                .containsSubsequence(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(history.getEvents()).filteredOn(event -> event.hasActivityTaskScheduledEventAttributes())
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsExactly("ApprovalPolicy", "IdentityVerify", "IdentityVerify");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProvenApprovalGateReplayTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
