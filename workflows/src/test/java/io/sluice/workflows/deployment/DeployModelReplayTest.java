package io.sluice.workflows.deployment;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

class DeployModelReplayTest {

    @Test
    void recordedDeployment_replaysWithTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/deploy-model-deployed.json", DeployModelWorkflowImpl.class);
    }
}
