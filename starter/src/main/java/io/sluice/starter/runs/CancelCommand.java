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
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** How long the run may take to record its canceller before it is cancelled without. */
    static final Duration RECORD_DEADLINE = Duration.ofSeconds(10);

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
            var described = session.client().newUntypedWorkflowStub(workflowId).describe();
            String status = RunStatusReader.statusWord(described.getStatus());
            if (!"RUNNING".equals(status)) {
                err.println(workflowId + " is " + status + ", not running: there is nothing to cancel");
                return ExitCodes.BAD_INPUT;
            }
            String why = reason == null ? "" : reason.strip();
            var proof = requester.prove(settings, config.path(), nonce -> ProofBinding.cancel(workflowId, why, nonce));
            var stub = session.client().newUntypedWorkflowStub(workflowId, Optional.of(described.getExecution().getRunId()),
                    Optional.empty());
            String cause = recordCanceller(stub, new CancelRequest(requester.name(), why, proof));
            stub.cancel(cause);
            out.println("cancel requested for " + workflowId + " (" + cause + "); see `sluice status " + workflowId + "`");
        }
        return ExitCodes.OK;
    }

    /**
     * Has the run record who cancels it and returns the cause to cancel with. A run that does not
     * answer within {@link #RECORD_DEADLINE} (no worker runs it, or its workflow tasks fail) is
     * still cancelled, its canceller marked as not recorded: those are the runs most in need of it.
     *
     * @throws CommandFailedException exit 3 when the run refuses the canceller's proof; nothing is cancelled
     */
    private String recordCanceller(WorkflowStub stub, CancelRequest request) {
        var recording = CompletableFuture.supplyAsync(
                () -> stub.update(Cancellable.REQUEST_CANCEL_UPDATE, Canceller.class, request));
        try {
            return recording.get(RECORD_DEADLINE.toSeconds(), TimeUnit.SECONDS).describe();
        } catch (TimeoutException e) {
            recording.cancel(true);
            return notRecorded(request, "the run did not answer within " + RECORD_DEADLINE.toSeconds() + " s; is a worker running it?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "interrupted before the cancel was sent; the run goes on");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkflowUpdateException refused) {
                String reason = UpdateRefusals.reason(refused);
                if (reason != null && reason.contains("Unknown update")) {
                    return notRecorded(request, "the run's worker predates requestCancel");
                }
                throw new CommandFailedException(ExitCodes.REFUSED, "refused by " + workflowId + ": " + reason + "; the run goes on");
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static String notRecorded(CancelRequest request, String why) {
        return "cancelled by " + request.actor() + " (unverified; " + why + ")"
                + (request.reason().isBlank() ? "" : ": " + request.reason().strip());
    }
}
