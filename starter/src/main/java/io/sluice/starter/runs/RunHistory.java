package io.sluice.starter.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.api.common.v1.WorkflowExecution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every run of one workflow id, newest first. With a server that has visibility it asks for
 * {@code WorkflowId = '…'}; on the Java test server, which has none, it pages through the open and
 * closed executions filtered by that id.
 */
public final class RunHistory {
    private final WorkflowClient client;

    public RunHistory(WorkflowClient client) {
        this.client = client;
    }

    /** The runs of {@code workflowId}, newest first; throws {@code WorkflowNotFoundException} if it has none. */
    public List<RunStatus> runs(String workflowId) {
        List<WorkflowExecutionInfo> executions = executions(workflowId);
        if (executions.isEmpty()) {
            throw new WorkflowNotFoundException(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build(), null, null);
        }
        RunStatusReader reader = new RunStatusReader(client);
        return executions.stream()
                .sorted(Comparator.comparing((WorkflowExecutionInfo info) -> info.getStartTime().getSeconds())
                        .thenComparing(info -> info.getStartTime().getNanos()).reversed())
                .map(info -> reader.read(workflowId, info.getExecution().getRunId()))
                .toList();
    }

    /** How many runs of {@code workflowId} started before its latest one. */
    public int earlierRuns(String workflowId) {
        return Math.max(0, executions(workflowId).size() - 1);
    }

    private List<WorkflowExecutionInfo> executions(String workflowId) {
        try {
            return client.listExecutions("WorkflowId = '" + workflowId.replace("\\", "\\\\").replace("'", "\\'") + "'")
                    .map(metadata -> metadata.getWorkflowExecutionInfo())
                    .toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            return legacyExecutions(workflowId);
        }
    }

    private List<WorkflowExecutionInfo> legacyExecutions(String workflowId) {
        var stub = client.getWorkflowServiceStubs().blockingStub();
        String namespace = client.getOptions().getNamespace();
        var filter = WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId).build();
        List<WorkflowExecutionInfo> executions = new ArrayList<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = stub.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setExecutionFilter(filter).setMaximumPageSize(100).setNextPageToken(page).build());
            executions.addAll(response.getExecutionsList());
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        do {
            var response = stub.listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setExecutionFilter(filter).setMaximumPageSize(100).setNextPageToken(page).build());
            executions.addAll(response.getExecutionsList());
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return executions;
    }
}
