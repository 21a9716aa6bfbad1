package io.sluice.starter.runs;

import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.SluiceMemo;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.RequestedRun;
import io.sluice.workflows.runs.SluiceWorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;

/**
 * Starts Sluice runs under their business-key workflow id. A run with that id that is running or
 * finished is left as it is, so asking twice starts one run; a failed one may be started again,
 * and so may a promotion that ended rejected or expired. Each run carries the digest of its
 * input (memo {@value SluiceMemo#INPUT_DIGEST}): asking for a run while one with that id is running with
 * another input is refused, naming the running one, rather than silently dropping the new input.
 */
public final class RunStarter {
    private final WorkflowClient client;
    private final String taskQueue;

    public RunStarter(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /**
     * What happened when asked to start.
     *
     * @param existing when {@code alreadyStarted}, what the run with that id is: running with this
     *     input, or ended (how); empty otherwise
     */
    public record Started(String workflowId, boolean alreadyStarted, String existing) {
        static Started started(String workflowId) {
            return new Started(workflowId, false, "");
        }
    }

    /**
     * Starts a run of {@code workflowType} with {@code input}, its request.
     *
     * @param modelPackageGroup the group the run works on, set as {@code SluiceModelPackageGroup}
     * @param summary one line for the Web UI's list (at most 200 bytes)
     * @param details Markdown for the Web UI's run page
     */
    public Started start(SluiceWorkflowType workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input) {
        return start(workflowType, workflowId, modelPackageGroup, summary, details, input,
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
    }

    /**
     * Starts a run that may follow finished runs with the same id (a new deployment of the same
     * endpoint), but never runs beside one: {@link Started#alreadyStarted()} says one is running.
     */
    public Started startExclusive(SluiceWorkflowType workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input) {
        return start(workflowType, workflowId, modelPackageGroup, summary, details, input,
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
    }

    private Started start(SluiceWorkflowType workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input, WorkflowIdReusePolicy reusePolicy) {
        if (input instanceof Validated validated) {
            try {
                validated.validate();
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage() + "; nothing was started");
            }
        }
        String digest = digest(input instanceof RequestedRun requested ? requested.withoutRequesterProof() : input);
        try {
            attempt(workflowType, workflowId, modelPackageGroup, summary, details, input, digest, reusePolicy);
            return Started.started(workflowId);
        } catch (WorkflowExecutionAlreadyStarted e) {
            WorkflowExecutionDescription existing = client.newUntypedWorkflowStub(workflowId).describe();
            String theirs = existing.getMemo(SluiceMemo.INPUT_DIGEST, String.class, String.class);
            if (existing.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                if (!digest.equals(theirs)) {
                    throw new CommandFailedException(ExitCodes.BAD_INPUT, workflowId + " is already running (run "
                            + existing.getExecution().getRunId() + ", started " + existing.getStartTime() + ") with "
                            + (theirs == null ? "an input this CLI cannot compare" : "another input (digest " + shortDigest(theirs) + ")")
                            + "; yours (digest " + shortDigest(digest) + ") was not started. Wait for that run to end, or cancel it "
                            + "(`sluice cancel " + workflowId + " --reason TEXT`), then ask again.");
                }
                return new Started(workflowId, true, "already running with this input");
            }
            String outcome = outcome(workflowId);
            if (workflowType.startableAgainAfter(outcome)) {
                attempt(workflowType, workflowId, modelPackageGroup, summary, details, input, digest,
                        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
                return Started.started(workflowId);
            }
            return new Started(workflowId, true, "already ran: it ended " + existing.getStatus().name()
                    .replace("WORKFLOW_EXECUTION_STATUS_", "") + (outcome.isEmpty() ? "" : " (" + outcome + ")") + " at "
                    + existing.getCloseTime());
        }
    }

    private String outcome(String workflowId) {
        String outcome = new RunStatusReader(client).read(workflowId).outcome();
        return outcome == null ? "" : outcome;
    }

    private void attempt(SluiceWorkflowType workflowType, String workflowId, String modelPackageGroup, String summary, String details,
            Object input, String digest, WorkflowIdReusePolicy reusePolicy) {
        var attributes = SearchAttributes.newBuilder()
                .set(SluiceSearchAttributes.STAGE, "queued")
                .set(SluiceSearchAttributes.AWAITING_APPROVAL, false);
        if (!modelPackageGroup.isEmpty()) {
            attributes.set(SluiceSearchAttributes.MODEL_PACKAGE_GROUP, modelPackageGroup);
        }
        var options = WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(reusePolicy)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTypedSearchAttributes(attributes.build())
                .setStaticSummary(summary.length() > 190 ? summary.substring(0, 190) : summary)
                .setStaticDetails(details)
                .setMemo(Map.of(SluiceMemo.INPUT_DIGEST, digest))
                .build();
        workflowType.start(client, options, input);
    }

    /** SHA-256 of {@code input}'s plain JSON, as the default converter writes it (never the encrypted payload). */
    static String digest(Object input) {
        byte[] json = DefaultDataConverter.STANDARD_INSTANCE.toPayload(input).orElseThrow().getData().toByteArray();
        return Sha256.hex(json);
    }

    private static String shortDigest(String digest) {
        return digest.substring(0, Math.min(12, digest.length()));
    }
}
