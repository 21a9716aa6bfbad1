package io.sluice.workflows.dataproduct;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;

/**
 * Records RegisterDataProduct's history of a product whose tables a crawler discovers (the
 * contract path has its own recorder). Argument: the histories folder.
 */
public final class RegisterDataProductPathsRecorder {
    private RegisterDataProductPathsRecorder() {}

    public static void main(String[] args) throws Exception {
        String workflowId = WorkflowIds.dataProduct("credit", "applications");
        HistoryRecording.record(Path.of(args[0]).resolve("register-data-product-crawled.json"), workflowId, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(RegisterDataProductWorkflowImpl.class, FakeBuildModel.class);
            worker.registerActivitiesImplementations(new FakeDataProductActivities());
        }, (client, environment) -> {
            RegisterDataProductWorkflow run = client.newWorkflowStub(RegisterDataProductWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(workflowId).build());
            run.register(new RegisterDataProductRequest(DataProductSpecs.crawled("1.0.0"), "data-steward@example.com"));
        });
    }
}
