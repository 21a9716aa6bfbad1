package io.sluice.workflows.build;

import io.sluice.workflows.approval.CancelRequest;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.GateWaits;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records BuildModel's histories since the gate waits on named timers (change id
 * {@code named-gate-timers}): expired after a reminder, approved before the first reminder (its
 * timer cancelled), and cancelled at the gate by a person its {@code requestCancel} update recorded. Argument: the histories folder. The files recorded before the change stay
 * as they are, so the replay test covers both branches.
 */
public final class NamedGateTimersRecorder {
    private NamedGateTimersRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        BuildModelPathsRecorder.record(folder.resolve("build-model-expired-named-timers.json"), "expired-named",
                BuildSpecs.creditRisk(PreStepSpec.NONE), jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    environment.sleep(Duration.ofDays(3));
                });
        BuildModelPathsRecorder.record(folder.resolve("build-model-approved-named-timers.json"), "approved-named",
                BuildSpecs.creditRisk(PreStepSpec.NONE), jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
                });
        BuildModelPathsRecorder.record(folder.resolve("build-model-cancelled-at-gate.json"), "cancelled",
                BuildSpecs.creditRisk(PreStepSpec.NONE), jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    var stub = WorkflowStub.fromTyped(run);
                    var canceller = run.requestCancel(new CancelRequest("lead-ds@example.com", "wrong flow version", null));
                    stub.cancel(canceller.describe());
                });
    }
}
