package io.sluice.starter.build;

import io.sluice.workflows.SearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes.Builder;

/** Starts BuildModel runs: one per group and run key. */
public final class BuildStarter {
    private final WorkflowClient client;
    private final String taskQueue;

    public BuildStarter(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /** What happened when asked to start. */
    public record Started(String workflowId, boolean alreadyRunning) {}

    /**
     * Starts the build; a run with the same group and key that is running or finished is left as it
     * is (a failed one may be started again).
     */
    public Started start(BuildRequest request) {
        String workflowId = WorkflowIds.build(request.spec().modelPackageGroup(), request.runKey());
        Builder attributes = io.temporal.common.SearchAttributes.newBuilder()
                .set(SearchAttributes.MODEL_PACKAGE_GROUP, request.spec().modelPackageGroup())
                .set(SearchAttributes.STAGE, "queued")
                .set(SearchAttributes.AWAITING_APPROVAL, false);
        BuildModelWorkflow workflow = client.newWorkflowStub(BuildModelWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTypedSearchAttributes(attributes.build())
                .setStaticSummary("Build " + request.spec().modelPackageGroup() + " (" + request.spec().jobs().mode()
                        + " jobs), requested by " + request.requester())
                .setStaticDetails("Flow `" + request.spec().flow() + "`; evaluation " + request.spec().evaluation().describe()
                        + "; account " + request.spec().account() + ".")
                .build());
        try {
            WorkflowClient.start(workflow::build, request);
            return new Started(workflowId, false);
        } catch (WorkflowExecutionAlreadyStarted e) {
            return new Started(workflowId, true);
        }
    }
}
