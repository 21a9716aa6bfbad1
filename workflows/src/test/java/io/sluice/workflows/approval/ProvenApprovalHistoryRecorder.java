package io.sluice.workflows.approval;

import io.sluice.workflows.HistoryRecording;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.ProofBinding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records the history of a gate that requires proof: a signal without proof refused, an
 * outsider's verified update refused, then a governance officer's verified approval. Argument: the
 * output file.
 */
public final class ProvenApprovalHistoryRecorder {
    static final String WORKFLOW_ID = "gate-host/proven";
    static final String OFFICERS = "arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*/*";
    static final String OFFICER = "arn:aws:sts::100000000001:assumed-role/AWSReservedSSO_GovernanceOfficer_1/jane@example.com";
    static final String OUTSIDER = "arn:aws:sts::100000000003:assumed-role/AWSReservedSSO_Analyst_1/eve@example.com";
    static final String REQUESTER = "arn:aws:sts::100000000003:assumed-role/AWSReservedSSO_DataScientist_1/dana@example.com";

    private ProvenApprovalHistoryRecorder() {}

    public static void main(String[] args) throws Exception {
        HistoryRecording.record(Path.of(args[0]), WORKFLOW_ID, (worker, environment) -> {
            worker.registerWorkflowImplementationTypes(GateHostWorkflow.Impl.class);
            worker.registerActivitiesImplementations(new FakeApprovalActivities(Map.of("production-approval",
                    new GatePolicy(List.of(OFFICERS), 1, false, Duration.ofDays(3), Duration.ZERO, IdentityMode.PROVEN)),
                    environment::currentTimeMillis), new FakeIdentityActivities());
        }, (client, environment) -> {
            GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(HistoryRecording.QUEUE).setWorkflowId(WORKFLOW_ID).build());
            WorkflowClient.start(run::run, new GateHostWorkflow.Request("production-approval", "dana@example.com",
                    Map.of("auc", "0.91"), Duration.ofMinutes(5), REQUESTER));
            GateWaits.awaitOpen(environment, run);
            run.approve(Decision.approve("jane@example.com", "from the Web UI"));
            try {
                run.decide(signed(OUTSIDER, "n1"));
            } catch (RuntimeException refused) {
                // audited in the history
            }
            Decision approval = signed(OFFICER, "n2");
            run.decide(approval);
            WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
        });
    }

    private static Decision signed(String arn, String nonce) {
        var binding = new ProofBinding(WORKFLOW_ID, "production-approval", "APPROVE", "evidence checked", nonce);
        return new Decision("", "evidence checked", "", Verdict.APPROVE, FakeIdentityActivities.proof(arn, binding));
    }
}
