package io.sluice.workflows.dataproduct;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;

/**
 * Records {@link RegisterDataProductReplayTest}'s history: a new product registered from its
 * contract, granted to a consumer, starting its retraining BuildModel. Argument: the output file.
 */
public final class RegisterDataProductHistoryRecorder {
    private RegisterDataProductHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        String workflowId = WorkflowIds.dataProduct("credit", "applications");
        HistoryRecording.record(Path.of(args[0]), workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(RegisterDataProductWorkflowImpl.class, FakeBuildModel.class);
            worker.registerActivitiesImplementations(new FakeDataProductActivities());
        }, (client, environment) -> {
            RegisterDataProductWorkflow run = client.newWorkflowStub(RegisterDataProductWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            run.register(new RegisterDataProductRequest(DataProductSpecs.applications("1.0.0", DataProductSpecs.COLUMNS, false,
                    DataProductSpecs.retraining()), "data-steward@example.com"));
        });
    }
}
