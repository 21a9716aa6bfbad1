package io.sluice.workflows.promotion;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Records {@link PromoteModelReplayTest}'s history: a promotion the ML engineer approves. Argument: the output file. */
public final class PromoteModelHistoryRecorder {
    private PromoteModelHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        String workflowId = WorkflowIds.promote(FakePromotionActivities.SOURCE);
        HistoryRecording.record(Path.of(args[0]), workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(PromoteModelWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FakePromotionActivities.Promotion(), new FakePromotionActivities.Copies(),
                    new FakePromotionActivities.Registry(), new FakeApprovalActivities(Map.of(Gates.PROMOTION_APPROVAL,
                            new GatePolicy(List.of("ml-engineer@example.com"), 1, false, Duration.ofDays(3), Duration.ZERO)),
                            environment::currentTimeMillis));
        }, (client, environment) -> {
            PromoteModelWorkflow run = client.newWorkflowStub(PromoteModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::promote, new PromoteRequest(FakePromotionActivities.SOURCE,
                    new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null, null, null),
                    "data-scientist@example.com"));
            GateWaits.awaitOpen(environment, run);
            run.decide(Decision.approve("ml-engineer@example.com", "verified"));
            WorkflowStub.fromTyped(run).getResult(PromoteResult.class);
        });
    }
}
