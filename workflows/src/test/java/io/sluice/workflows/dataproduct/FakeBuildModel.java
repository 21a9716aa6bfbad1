package io.sluice.workflows.dataproduct;

import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildResult;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A stand-in for BuildModel: it records its input by workflow id, then waits, as a build waits for its approval. */
public final class FakeBuildModel extends GatedWorkflow implements BuildModelWorkflow {
    static final Map<String, BuildRequest> STARTED = new ConcurrentHashMap<>();

    @Override
    public BuildResult build(BuildRequest request) {
        STARTED.put(Workflow.getInfo().getWorkflowId(), request);
        Workflow.await(() -> false);
        throw new IllegalStateException("unreachable");
    }
}
