package io.sluice.starter.runs;

import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.Requester;
import io.sluice.starter.TemporalSession;
import io.sluice.workflows.approval.CancelRequest;
import io.sluice.workflows.approval.Cancellable;
import io.sluice.workflows.approval.Canceller;
import io.sluice.workflows.identity.ProofBinding;
import io.temporal.client.WorkflowUpdateException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice cancel WORKFLOW_ID}: asks a running run to stop. The step that is waiting on AWS
 * stops what it started (a SageMaker processing or training job, a Step Functions execution) and
 * the run ends CANCELED; who cancelled and why is the cancel request's cause in the run's history,
 * which {@code sluice status} and the Web UI show.
 */
@Command(name = "cancel", description = {"Cancel a running run: the step in progress stops the SageMaker job or Step Functions",
        "execution it started, and the run ends CANCELED, recording who cancelled it and why."})
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    Requester requester;

    @Parameters(paramLabel = "WORKFLOW_ID", description = "The run's workflow id, e.g. build/credit-risk/2026-11-22.")
    String workflowId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the run is cancelled, recorded with it.")
    String reason = "";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var settings = config.read();
        try (var session = TemporalSession.open(settings)) {
            RunStatus status = new RunStatusReader(session.client()).read(workflowId);
            if (!"RUNNING".equals(status.status())) {
                err.println(workflowId + " is " + status.status() + ", not running: there is nothing to cancel");
                return ExitCodes.BAD_INPUT;
            }
            String why = reason == null ? "" : reason.strip();
            var proof = requester.prove(settings, config.path(), nonce -> ProofBinding.cancel(workflowId, why, nonce));
            var stub = session.client().newUntypedWorkflowStub(workflowId);
            Canceller canceller;
            try {
                canceller = stub.update(Cancellable.REQUEST_CANCEL_UPDATE, Canceller.class, new CancelRequest(requester.name(), why, proof));
            } catch (WorkflowUpdateException e) {
                throw new CommandFailedException(ExitCodes.REFUSED, "refused by " + workflowId + ": " + UpdateRefusals.reason(e)
                        + "; the run goes on");
            }
            stub.cancel(canceller.describe());
            out.println("cancel requested for " + workflowId + " (" + canceller.describe() + "); see `sluice status "
                    + workflowId + "`");
        }
        return ExitCodes.OK;
    }
}
