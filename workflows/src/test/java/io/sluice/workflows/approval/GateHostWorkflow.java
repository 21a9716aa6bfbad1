package io.sluice.workflows.approval;

import io.sluice.workflows.identity.VerifiedPrincipal;
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

    /**
     * @param lingerAfterClose how long the run goes on after its gate closed, as later stages would
     * @param requesterArn the requester as STS would have verified it at start, or null for a declared requester
     * @param atGate the gate an earlier run continued as new at, or null
     */
    record Request(String gate, String requester, Map<String, String> context, Duration lingerAfterClose, String requesterArn,
            GateCarry atGate) {
        public Request(String gate, String requester, Map<String, String> context, Duration lingerAfterClose) {
            this(gate, requester, context, lingerAfterClose, null, null);
        }

        public Request(String gate, String requester, Map<String, String> context, Duration lingerAfterClose, String requesterArn) {
            this(gate, requester, context, lingerAfterClose, requesterArn, null);
        }
    }

    final class Impl extends GatedWorkflow implements GateHostWorkflow {
        @Override
        public ApprovalState run(Request request) {
            Requester requester = request.requesterArn() == null ? Requester.declared(request.requester())
                    : Requester.verified(VerifiedPrincipal.of(request.requesterArn(), request.requesterArn().split(":")[4],
                            "AROAEXAMPLE", "2026-12-06T09:00:00Z"));
            GateContinuation continuation = carried -> new Request(request.gate(), request.requester(),
                    request.context(), request.lingerAfterClose(), request.requesterArn(), carried);
            GateCarry resumed = ContinuedRuns.atGate(request.atGate(), "atGate");
            ApprovalState closed = resumed != null ? gate.resume(resumed, continuation)
                    : gate.open(request.gate(), requester, request.context(), continuation);
            Workflow.sleep(request.lingerAfterClose());
            Workflow.await(Workflow::isEveryHandlerFinished);
            return closed;
        }
    }
}
