package io.sluice.workflows.build;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

class BuildModelReplayTest {

    @Test
    void recordedApprovedBuild_replaysWithTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/build-model-approved.json", BuildModelWorkflowImpl.class);
    }
}
