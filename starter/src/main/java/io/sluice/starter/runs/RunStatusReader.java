package io.sluice.starter.runs;

import io.sluice.workflows.runs.SluiceWorkflowType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.approval.GateState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.failure.ApplicationFailure;
import io.sluice.workflows.approval.Cancellable;
import io.sluice.workflows.approval.Canceller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads a run's {@link RunStatus}: its description, search attributes, gate, result or failure. */
public final class RunStatusReader {
    private static final ObjectMapper RESULTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final WorkflowClient client;

    public RunStatusReader(WorkflowClient client) {
        this.client = client;
    }

    /**
     * How long {@link #readWithAudit} waits for a worker to replay a closed run for its gate's audit:
     * short, since the outcome is known without it.
     */
    static final java.time.Duration CLOSED_AUDIT_DEADLINE = java.time.Duration.ofSeconds(3);

    /**
     * As {@link #read(String, String)}, and for a closed run whose gate opened also the gate's whole
     * audit (every decision, refused ones with their reasons, the approvers' context), which its
     * result does not keep: a worker of its task queue answers the {@code approval} query by
     * replaying the run. Without one the status keeps the result's outcome and says why.
     */
    public RunStatus readWithAudit(String workflowId, String runId) {
        RunStatus status = read(workflowId, runId);
        if (status.gateOutcome() == null) {
            return status;
        }
        String why;
        try {
            var audit = GateQuery.gateOf(client, workflowId, status.runId(), CLOSED_AUDIT_DEADLINE);
            if (audit.isPresent()) {
                return status.withAudit(audit.get());
            }
            why = "the worker that replayed the closed run could not answer its approval query";
        } catch (GateQuery.UnansweredQueryException e) {
            why = "no worker answered within " + CLOSED_AUDIT_DEADLINE.toSeconds() + " s to replay the closed run";
        } catch (io.grpc.StatusRuntimeException e) {
            why = "the server refused the approval query (" + e.getStatus().getCode() + ")";
        }
        return status.withQueryFailure("the gate's whole audit was not read: " + why + "; the outcome above is from the result");
    }

    /** The status of the latest run of {@code workflowId}; throws {@code WorkflowNotFoundException} if there is none. */
    public RunStatus read(String workflowId) {
        return read(workflowId, "");
    }

    /**
     * The status of run {@code runId} of {@code workflowId}, or of its latest run when {@code runId}
     * is empty; throws {@code WorkflowNotFoundException} if there is no such run.
     */
    public RunStatus read(String workflowId, String runId) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId, java.util.Optional.of(runId).filter(id -> !id.isEmpty()),
                java.util.Optional.empty());
        WorkflowExecutionDescription description = stub.describe();
        String describedRunId = description.getExecution().getRunId();
        var attributes = description.getTypedSearchAttributes();
        String stage = attributes.containsKey(SluiceSearchAttributes.STAGE) ? attributes.get(SluiceSearchAttributes.STAGE) : null;
        boolean awaiting = attributes.containsKey(SluiceSearchAttributes.AWAITING_APPROVAL)
                && Boolean.TRUE.equals(attributes.get(SluiceSearchAttributes.AWAITING_APPROVAL));
        WorkflowExecutionStatus status = description.getStatus();
        JsonNode result = null;
        String failure = null;
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            result = resultOf(stub);
        } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
            failure = cancellationOf(workflowId, describedRunId);
        } else if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            failure = failureOf(stub);
        }
        String outcome = result != null && result.hasNonNull("outcome") ? result.get("outcome").asText() : null;
        boolean running = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        // Asking a workflow without a gate for one only makes the server log an error.
        boolean gated = SluiceWorkflowType.of(description.getWorkflowType()).map(SluiceWorkflowType::gated).orElse(true);
        ApprovalState gate = null;
        GateOutcome gateOutcome = null;
        String queryFailure = null;
        if (running && gated) {
            try {
                gate = GateQuery.gateOf(client, workflowId, describedRunId).orElse(null);
            } catch (GateQuery.UnansweredQueryException e) {
                queryFailure = "the run did not answer its approval query in time: no worker is polling task queue '"
                        + description.getRawDescription().getExecutionConfig().getTaskQueue().getName()
                        + "', or the run's next workflow task is not being picked up";
            }
        } else {
            gateOutcome = gateIn(result);
        }
        if (gate != null && gate.state() == GateState.NOT_OPENED) {
            gate = null;
        }
        if (gateOutcome != null && gateOutcome.state() == GateState.NOT_OPENED) {
            gateOutcome = null;
        }
        return new RunStatus(workflowId, describedRunId, description.getWorkflowType(), statusWord(status), outcome, stage,
                awaiting && running, result, failure, running ? ActivityProgress.of(description, client) : List.of(), gate,
                gateOutcome, queryFailure, instant(description.getRawDescription().getWorkflowExecutionInfo().getStartTime()),
                description.getRawDescription().getWorkflowExecutionInfo().hasCloseTime()
                        ? instant(description.getRawDescription().getWorkflowExecutionInfo().getCloseTime()) : "");
    }

    /** How the gate ended, from a result: its {@code gate}, or in results recorded before it the whole {@code approval}. */
    static GateOutcome gateIn(JsonNode result) {
        if (result != null && result.hasNonNull("gate")) {
            return RESULTS.convertValue(result.get("gate"), GateOutcome.class);
        }
        if (result != null && result.hasNonNull("approval")) {
            return RESULTS.convertValue(result.get("approval"), ApprovalState.class).outcome();
        }
        return null;
    }

    private static JsonNode resultOf(WorkflowStub stub) {
        try {
            return stub.getResult(5, TimeUnit.SECONDS, JsonNode.class);
        } catch (TimeoutException e) {
            return null;
        }
    }

    private static String failureOf(WorkflowStub stub) {
        try {
            stub.getResult(5, TimeUnit.SECONDS, JsonNode.class);
            return null;
        } catch (WorkflowException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause.getCause() != null && !(cause instanceof ApplicationFailure)) {
                cause = cause.getCause();
            }
            return cause instanceof ApplicationFailure application ? application.getOriginalMessage() : cause.getMessage();
        } catch (TimeoutException e) {
            return null;
        }
    }

    /**
     * Who cancelled the run and why: the canceller the run recorded through its
     * {@code requestCancel} update (verified by STS, or declared) when the cancel request that
     * followed carries that canceller as its cause, as {@code sluice cancel} sends it; else the cancel
     * request's cause, which whoever sent it wrote (the Web UI, {@code temporal}), marked so.
     */
    private String cancellationOf(String workflowId, String runId) {
        Map<String, String> updateNames = new HashMap<>();
        Canceller recorded = null;
        for (HistoryEvent event : client.fetchHistory(workflowId, runId).getEvents()) {
            if (event.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
                var request = event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
                updateNames.put(request.getMeta().getUpdateId(), request.getInput().getName());
            } else if (event.hasWorkflowExecutionUpdateCompletedEventAttributes()) {
                var completed = event.getWorkflowExecutionUpdateCompletedEventAttributes();
                if (Cancellable.REQUEST_CANCEL_UPDATE.equals(updateNames.get(completed.getMeta().getUpdateId())) && completed.getOutcome().hasSuccess()) {
                    recorded = client.getOptions().getDataConverter().fromPayloads(0,
                            Optional.of(completed.getOutcome().getSuccess()), Canceller.class, Canceller.class);
                }
            } else if (event.hasWorkflowExecutionCancelRequestedEventAttributes()) {
                String cause = event.getWorkflowExecutionCancelRequestedEventAttributes().getCause();
                if (recorded != null && cause.equals(recorded.describe())) {
                    return recorded.describe();
                }
                return cause.isBlank() ? "cancelled (no reason recorded)" : "cancel requested, canceller not recorded: " + cause;
            }
        }
        return "cancelled (no reason recorded)";
    }

    /** A server timestamp as ISO-8601 UTC, to the second. */
    static String instant(com.google.protobuf.Timestamp time) {
        return java.time.Instant.ofEpochSecond(time.getSeconds()).toString();
    }

    /** {@code WORKFLOW_EXECUTION_STATUS_RUNNING} → {@code RUNNING}. */
    static String statusWord(WorkflowExecutionStatus status) {
        return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    }
}
