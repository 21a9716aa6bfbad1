package io.sluice.starter.local;

import io.sluice.starter.TemporalSession;
import io.sluice.starter.approvals.GateDecisions;
import io.sluice.starter.build.SpecFiles;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildResult;
import io.sluice.workflows.build.BuildSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lifecycle the demo runs on a started {@link LocalStack}: BuildModel in local mode, approved
 * by the lead data scientist named in the stack's config through the same update the CLI uses.
 * Each step prints a line; what it finds goes into the summary; what fails is named.
 */
final class DemoScenario {
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final LocalStack stack;
    private final PrintWriter out;
    private final GateHandler gates;
    final List<String> failures = new ArrayList<>();
    final Map<String, String> summary = new java.util.LinkedHashMap<>();
    final List<String> approvals = new ArrayList<>();

    /** Decides a run's open gate: as the configured approver, or by waiting for a person. */
    interface GateHandler {
        void decide(TemporalSession session, RunStatus waiting, String approver);
    }

    DemoScenario(LocalStack stack, PrintWriter out, GateHandler gates) {
        this.stack = stack;
        this.out = out;
        this.gates = gates;
    }

    /** Approves as {@code approver} through the validated update, printing the decision. */
    static GateHandler automatic(PrintWriter out) {
        return (session, waiting, approver) -> {
            ApprovalState state = new GateDecisions(session.client()).send(waiting.workflowId(),
                    Decision.approve(approver, "approved by the demo on the evidence in the gate's context"));
            out.println("     approved " + waiting.workflowId() + " at gate " + state.name() + " as " + approver + " -> "
                    + state.state());
            out.flush();
        };
    }

    void run() {
        try (var session = TemporalSession.open(stack.config())) {
            build(session);
        }
    }

    private void build(TemporalSession session) {
        step("BuildModel: Data Wrangler flow and XGBoost on the worker, then the lead data scientist's approval");
        var spec = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
        var started = new RunStarter(session.client(), session.taskQueue()).start(BuildModelWorkflow.TYPE,
                WorkflowIds.build(spec.modelPackageGroup(), "demo"), spec.modelPackageGroup(), "Demo build", "",
                new BuildRequest(spec, "demo", LocalApprovers.DATA_SCIENTIST));
        RunStatus status = awaitGate(session, started.workflowId());
        if (!status.awaitingApproval()) {
            fail("BuildModel " + started.workflowId() + " did not reach its approval gate: " + describe(status));
            return;
        }
        gates.decide(session, status, LocalApprovers.LEAD_DATA_SCIENTIST);
        BuildResult result = session.client().newUntypedWorkflowStub(started.workflowId()).getResult(BuildResult.class);
        summary.put("BuildModel", started.workflowId() + "  " + result.outcome());
        summary.put("dev model package", result.modelPackageArn());
        summary.put("model data (dev)", result.modelDataUri());
        new TreeMap<>(result.metrics()).forEach((name, value) ->
                summary.put("metric " + name, String.format(Locale.ROOT, "%.4f", value)));
        recordApprovals(result.approval());
        if (!result.outcome().name().equals("APPROVED")) {
            fail("BuildModel ended " + result.outcome() + " (" + result.evaluation() + ")");
        }
    }

    private RunStatus awaitGate(TemporalSession session, String workflowId) {
        return new RunWaiter(new RunStatusReader(session.client())).awaitGateOrClose(workflowId, STEP_TIMEOUT, stage -> {
            out.println("     " + workflowId + ": " + (stage.stage() == null ? "queued" : stage.stage()));
            out.flush();
        });
    }

    private void recordApprovals(ApprovalState gate) {
        gate.decisions().stream().filter(decision -> decision.accepted()).forEach(decision -> approvals.add(
                gate.name() + ": " + decision.decision() + " by " + decision.actor() + " at " + decision.at()));
    }

    private void step(String what) {
        out.println("==>  " + what);
        out.flush();
    }

    private void fail(String failure) {
        out.println("FAIL " + failure);
        out.flush();
        failures.add(failure);
    }

    private static String describe(RunStatus status) {
        return status.status() + (status.outcome() == null ? "" : " " + status.outcome())
                + (status.failure() == null ? "" : ": " + status.failure());
    }
}
