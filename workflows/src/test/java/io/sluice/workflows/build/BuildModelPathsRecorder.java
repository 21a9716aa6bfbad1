package io.sluice.workflows.build;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records BuildModel's histories of the paths besides approval: rejected by the lead, expired after
 * reminders (recorded when that rejected the package, and again since it leaves the package
 * pending), refused by the evaluation, and approved with a promotion started as a child.
 * Argument: the histories folder. The recorded-history replay test replays each.
 */
public final class BuildModelPathsRecorder {
    private BuildModelPathsRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        record(folder.resolve("build-model-rejected.json"), "rejected", BuildSpecs.creditRisk(PreStepSpec.NONE), jobs -> { },
                (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    run.decide(Decision.reject("lead-ds@example.com", "the validation split is too small"));
                });
        record(folder.resolve("build-model-expired-after-reminders.json"), "expired", BuildSpecs.creditRisk(PreStepSpec.NONE),
                jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    environment.sleep(Duration.ofDays(3));
                });
        record(folder.resolve("build-model-expired-left-pending.json"), "expired-pending", BuildSpecs.creditRisk(PreStepSpec.NONE),
                jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    environment.sleep(Duration.ofDays(3));
                });
        record(folder.resolve("build-model-refused-by-evaluation.json"), "refused", BuildSpecs.creditRisk(PreStepSpec.NONE),
                jobs -> jobs.auc = 0.6, (run, environment) -> { });
        record(folder.resolve("build-model-approved-then-promoted.json"), "promoted", BuildSpecs.creditRisk(PreStepSpec.NONE, true),
                jobs -> { }, (run, environment) -> {
                    GateWaits.awaitOpen(environment, run);
                    run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
                });
    }

    interface Scenario {
        void drive(BuildModelWorkflow run, TestWorkflowEnvironment environment);
    }

    static void record(Path output, String runKey, BuildSpec spec, Consumer<FakeBuildActivities.Jobs> jobsSetUp,
            Scenario scenario) throws Exception {
        String workflowId = WorkflowIds.build("credit-risk", runKey);
        HistoryRecording.record(output, workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(BuildModelWorkflowImpl.class, FakePromoteModel.class);
            var jobs = new FakeBuildActivities.Jobs();
            jobsSetUp.accept(jobs);
            worker.registerActivitiesImplementations(new FakeBuildActivities.Registry(), jobs, new FakeBuildActivities.StepFunctions(),
                    new FakeApprovalActivities(Map.of(Gates.MODEL_APPROVAL,
                            new GatePolicy(List.of("lead-ds@example.com"), 1, false, Duration.ofDays(2), Duration.ofDays(1))),
                            environment::currentTimeMillis));
        }, (client, environment) -> {
            BuildModelWorkflow run = client.newWorkflowStub(BuildModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::build, new BuildRequest(spec, runKey, "data-scientist@example.com"));
            scenario.drive(run, environment);
            try {
                WorkflowStub.fromTyped(run).getResult(BuildResult.class);
            } catch (io.temporal.client.WorkflowFailedException ended) {
                // A cancelled or failed run's history is recorded as well.
            }
        });
    }

}
