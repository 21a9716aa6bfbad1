package io.sluice.workflows.promotion;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.FakeApprovalActivities;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateWaits;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.deployment.FakeDeployments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records PromoteModel's histories besides the approved one: rejected by the ML engineer, and
 * approved with the deployment started as a child. Argument: the histories folder.
 */
public final class PromoteModelPathsRecorder {
    private PromoteModelPathsRecorder() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        record(folder.resolve("promote-model-rejected.json"),
                new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null, null, null),
                Decision.reject("ml-engineer@example.com", "the image is not scanned yet"));
        record(folder.resolve("promote-model-promoted-then-deployed.json"),
                new PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null, true, FakeDeployments.spec()),
                Decision.approve("ml-engineer@example.com", "copies verified"));
    }

    private static void record(Path output, PromotionSpec spec, Decision decision) throws Exception {
        String workflowId = WorkflowIds.promote(FakePromotionActivities.SOURCE);
        HistoryRecording.record(output, workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(PromoteModelWorkflowImpl.class, FakeDeployModel.class);
            worker.registerActivitiesImplementations(new FakePromotionActivities.Promotion(), new FakePromotionActivities.Copies(),
                    new FakePromotionActivities.Registry(), new FakeApprovalActivities(Map.of(Gates.PROMOTION_APPROVAL,
                            new GatePolicy(List.of("ml-engineer@example.com"), 1, false, Duration.ofDays(3), Duration.ZERO)),
                            environment::currentTimeMillis));
        }, (client, environment) -> {
            PromoteModelWorkflow run = client.newWorkflowStub(PromoteModelWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            WorkflowClient.start(run::promote, new PromoteRequest(FakePromotionActivities.SOURCE, spec, "data-scientist@example.com"));
            GateWaits.awaitOpen(environment, run);
            run.decide(decision);
            WorkflowStub.fromTyped(run).getResult(PromoteResult.class);
        });
    }
}
