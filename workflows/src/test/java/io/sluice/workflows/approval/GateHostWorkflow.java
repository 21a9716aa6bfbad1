package io.sluice.workflows.approval;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;

/** A test-only workflow that opens one gate and returns its closed state. */
@WorkflowInterface
public interface GateHostWorkflow extends Approvable {
    @WorkflowMethod
    ApprovalState run(Request request);

    /** @param lingerAfterClose how long the run goes on after its gate closed, as later stages would */
    record Request(String gate, String requester, Map<String, String> context, Duration lingerAfterClose) {}

    final class Impl extends GatedWorkflow implements GateHostWorkflow {
        @Override
        public ApprovalState run(Request request) {
            ApprovalState closed = gate.open(request.gate(), request.requester(), request.context());
            Workflow.sleep(request.lingerAfterClose());
            Workflow.await(Workflow::isEveryHandlerFinished);
            return closed;
        }
    }
}
