package io.sluice.workflows.approval;

import io.sluice.workflows.HistoryRecording;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records {@link ApprovalGateReplayTest}'s history: a stranger's ignored signal, a reminder, then a
 * quorum of two reached by an update and a signal. Argument: the output file.
 */
public final class ApprovalHistoryRecorder {
    static final String WORKFLOW_ID = "gate-host/recorded";

    private ApprovalHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        HistoryRecording.record(Path.of(args[0]), WORKFLOW_ID, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(GateHostWorkflow.Impl.class);
            worker.registerActivitiesImplementations(new FakeApprovalActivities(Map.of("model-approval",
                    new GatePolicy(List.of("lead-ds@example.com", "head-of-ml@example.com"), 2, false,
                            Duration.ofDays(3), Duration.ofDays(1))), environment::currentTimeMillis));
        }, (client, environment) -> {
            GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(WORKFLOW_ID).build());
            WorkflowClient.start(run::run, new GateHostWorkflow.Request("model-approval", "data-scientist@example.com",
                    Map.of("auc", "0.91"), Duration.ofMinutes(5)));
            GateWaits.awaitOpen(environment, run);
            run.approve(Decision.approve("mallory@example.com", "looks fine"));
            environment.sleep(Duration.ofHours(25));
            run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
            run.approve(Decision.approve("head-of-ml@example.com", "agreed"));
            WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
        });
    }
}
