package io.sluice.starter.runs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lists executions the one way both servers allow: with a server that has visibility, by a list
 * query; on the Java test server, which answers list queries UNIMPLEMENTED, through the legacy
 * open and closed lists, which filter by workflow id only.
 */
public final class ExecutionLists {
    private static final int PAGE_SIZE = 500;

    private final WorkflowClient client;

    public ExecutionLists(WorkflowClient client) {
        this.client = client;
    }

    /** The running executions matching {@code query}; on the test server, every running execution. */
    public List<WorkflowExecutionInfo> open(String query) {
        return matching(query, () -> open(WorkflowExecutionFilter.getDefaultInstance()));
    }

    /** Every execution of {@code workflowId}, running or closed, in no particular order. */
    public List<WorkflowExecutionInfo> of(String workflowId) {
        String query = "WorkflowId = '" + workflowId.replace("\\", "\\\\").replace("'", "\\'") + "'";
        return matching(query, () -> {
            var filter = WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId).build();
            List<WorkflowExecutionInfo> executions = new ArrayList<>(open(filter));
            executions.addAll(pages(page -> {
                var response = client.getWorkflowServiceStubs().blockingStub().listClosedWorkflowExecutions(
                        ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace()).setExecutionFilter(filter)
                                .setMaximumPageSize(PAGE_SIZE).setNextPageToken(page).build());
                return new Page(response.getExecutionsList(), response.getNextPageToken());
            }));
            return executions;
        });
    }

    private List<WorkflowExecutionInfo> matching(String query, java.util.function.Supplier<List<WorkflowExecutionInfo>> legacy) {
        try {
            return client.listExecutions(query).map(metadata -> metadata.getWorkflowExecutionInfo()).toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            return legacy.get();
        }
    }

    private List<WorkflowExecutionInfo> open(WorkflowExecutionFilter filter) {
        return pages(page -> {
            var request = ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace())
                    .setMaximumPageSize(PAGE_SIZE).setNextPageToken(page);
            if (!filter.getWorkflowId().isEmpty()) {
                request.setExecutionFilter(filter);
            }
            var response = client.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(request.build());
            return new Page(response.getExecutionsList(), response.getNextPageToken());
        });
    }

    private record Page(List<WorkflowExecutionInfo> executions, ByteString next) {}

    private static List<WorkflowExecutionInfo> pages(Function<ByteString, Page> list) {
        List<WorkflowExecutionInfo> executions = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        do {
            Page page = list.apply(token);
            executions.addAll(page.executions());
            token = page.next();
        } while (!token.isEmpty());
        return executions;
    }

    private String namespace() {
        return client.getOptions().getNamespace();
    }
}
