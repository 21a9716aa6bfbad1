package io.sluice.starter.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.GateOutcome;

/**
 * What {@code sluice status --json} prints: a contract for scripts.
 *
 * @param workflowId the run's workflow id
 * @param runId Temporal's id of this run of {@code workflowId}
 * @param type the workflow type
 * @param status Temporal's status word: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT, CONTINUED_AS_NEW
 * @param outcome the workflow's own result word once it has one (e.g. APPROVED), else null
 * @param stage the run's {@code SluiceStage}, else null
 * @param awaitingApproval whether an approval gate of the run is open
 * @param result the workflow's result as JSON once it has one, else null
 * @param failure why the run failed, else null
 * @param activities what each running activity last reported (its heartbeat), e.g. a copy's parts
 * @param gate the run's approval gate with its whole audit: its live state while the run runs, or for a
 *     closed run as a worker replayed it for {@code sluice status}; null before the gate opens and
 *     when nobody replayed the closed run
 * @param gateOutcome how the run's gate ended, from its result, once it has closed after opening one;
 *     else null. The whole audit stays in the run's history.
 * @param queryFailure why a running run's gate, or a closed run's whole audit, could not be read (no
 *     worker polls its task queue, or the run is stuck), else null; everything else above still comes
 *     from the server
 * @param startedAt when the run started (ISO-8601)
 * @param closedAt when it closed (ISO-8601), empty while it runs
 */
public record RunStatus(
        String workflowId,
        String runId,
        String type,
        String status,
        String outcome,
        String stage,
        boolean awaitingApproval,
        JsonNode result,
        String failure,
        java.util.List<String> activities,
        ApprovalState gate,
        GateOutcome gateOutcome,
        String queryFailure,
        String startedAt,
        String closedAt) {

    /** This status with the whole audit of its closed run's gate. */
    public RunStatus withAudit(ApprovalState audit) {
        return new RunStatus(workflowId, runId, type, status, outcome, stage, awaitingApproval, result, failure, activities, audit,
                gateOutcome, queryFailure, startedAt, closedAt);
    }

    /** This status with another start: that of the first run of a chain that continued as new into this one. */
    public RunStatus withStartedAt(String chainStartedAt) {
        return new RunStatus(workflowId, runId, type, status, outcome, stage, awaitingApproval, result, failure, activities, gate,
                gateOutcome, queryFailure, chainStartedAt, closedAt);
    }

    /** This status with why its gate could not be read. */
    public RunStatus withQueryFailure(String why) {
        return new RunStatus(workflowId, runId, type, status, outcome, stage, awaitingApproval, result, failure, activities, gate,
                gateOutcome, why, startedAt, closedAt);
    }

    /** Who approved it, as the gate audited them: the verified ARN, else the declared name marked unverified. */
    public java.util.List<String> approvedBy() {
        GateOutcome ended = gateOutcome != null ? gateOutcome : gate != null ? gate.outcome() : null;
        return ended == null ? java.util.List.of() : ended.approvedBy();
    }
}
