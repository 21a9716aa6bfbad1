package io.sluice.workflows.dataproduct;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

class RegisterDataProductReplayTest {

    @Test
    void recordedRegistrationWithRetraining_replaysWithTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/register-data-product.json",
                RegisterDataProductWorkflowImpl.class);
    }
}
