package io.sluice.starter.runs;

import io.sluice.workflows.SearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * Starts Sluice runs under their business-key workflow id. A run with that id that is running or
 * finished is left as it is, so asking twice starts one run; a failed one may be started again.
 */
public final class RunStarter {
    private final WorkflowClient client;
    private final String taskQueue;

    public RunStarter(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /** What happened when asked to start. */
    public record Started(String workflowId, boolean alreadyStarted) {}

    /**
     * Starts {@code workflowType} with {@code input}.
     *
     * @param modelPackageGroup the group the run works on, set as {@code SluiceModelPackageGroup}
     * @param summary one line for the Web UI's list (at most 200 bytes)
     * @param details Markdown for the Web UI's run page
     */
    public Started start(String workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input) {
        return start(workflowType, workflowId, modelPackageGroup, summary, details, input,
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
    }

    /**
     * Starts a run that may follow finished runs with the same id (a new deployment of the same
     * endpoint), but never runs beside one: {@link Started#alreadyStarted()} says one is running.
     */
    public Started startExclusive(String workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input) {
        return start(workflowType, workflowId, modelPackageGroup, summary, details, input,
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
    }

    private Started start(String workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input, WorkflowIdReusePolicy reusePolicy) {
        var attributes = io.temporal.common.SearchAttributes.newBuilder()
                .set(SearchAttributes.STAGE, "queued")
                .set(SearchAttributes.AWAITING_APPROVAL, false);
        if (!modelPackageGroup.isEmpty()) {
            attributes.set(SearchAttributes.MODEL_PACKAGE_GROUP, modelPackageGroup);
        }
        var stub = client.newUntypedWorkflowStub(workflowType, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(reusePolicy)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTypedSearchAttributes(attributes.build())
                .setStaticSummary(summary.length() > 190 ? summary.substring(0, 190) : summary)
                .setStaticDetails(details)
                .build());
        try {
            stub.start(input);
            return new Started(workflowId, false);
        } catch (WorkflowExecutionAlreadyStarted e) {
            return new Started(workflowId, true);
        }
    }
}
