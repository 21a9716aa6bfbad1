package io.sluice.workflows.approval;

import io.sluice.workflows.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records the history {@link ApprovalGateReplayTest} replays: a stranger's ignored signal, a
 * reminder, then a quorum of two reached by an update and a signal. Run it again (main class, test
 * classpath, argument: the output file) only when a change to the gate is meant to change its
 * history, and keep the old file as a second replay case.
 */
public final class ApprovalHistoryRecorder {
    static final String WORKFLOW_ID = "gate-host/recorded";

    private ApprovalHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        try (var environment = TestWorkflowEnvironment.newInstance()) {
            SearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
            var worker = environment.newWorker("recorder");
            worker.registerWorkflowImplementationTypes(GateHostWorkflow.Impl.class);
            worker.registerActivitiesImplementations(new FakeApprovalActivities(Map.of("model-approval",
                    new GatePolicy(List.of("lead-ds@example.com", "head-of-ml@example.com"), 2, false,
                            Duration.ofDays(3), Duration.ofDays(1))), environment::currentTimeMillis));
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();
            GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("recorder").setWorkflowId(WORKFLOW_ID).build());
            WorkflowClient.start(run::run, new GateHostWorkflow.Request("model-approval", "data-scientist@example.com",
                    Map.of("auc", "0.91"), Duration.ofMinutes(5)));
            while (!run.approval().awaitsDecision()) {
                Thread.sleep(10);
            }
            run.approve(Decision.approve("mallory@example.com", "looks fine"));
            environment.sleep(Duration.ofHours(25));
            run.decide(Decision.approve("lead-ds@example.com", "AUC 0.91"));
            run.approve(Decision.approve("head-of-ml@example.com", "agreed"));
            WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
            Files.writeString(Path.of(args[0]), client.fetchHistory(WORKFLOW_ID).toJson(true));
        }
    }
}
