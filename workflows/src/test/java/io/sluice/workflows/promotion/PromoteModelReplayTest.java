package io.sluice.workflows.promotion;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

class PromoteModelReplayTest {

    @Test
    void recordedPromotion_replaysWithTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/promote-model-promoted.json", PromoteModelWorkflowImpl.class);
    }
}
