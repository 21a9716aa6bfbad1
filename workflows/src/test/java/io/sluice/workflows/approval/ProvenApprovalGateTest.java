package io.sluice.workflows.approval;

import io.sluice.workflows.SluiceTestWorkflows;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.ProofBinding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gates whose policy requires proof: only decisions from principals STS verified, bound to the decision, count. */
class ProvenApprovalGateTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(GateHostWorkflow.Impl.class);
    static final String OFFICERS = "arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*/*";
    static final String JANE = "arn:aws:sts::100000000006:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b2c3d/jane@example.com";
    static final String JANE_IN_CAPITALS = "arn:aws:sts::100000000005:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b2c3d/JANE@example.com";
    static final String OMAR = "arn:aws:sts::100000000006:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b2c3d/omar@example.com";
    static final String OUTSIDER = "arn:aws:sts::100000000006:assumed-role/AWSReservedSSO_Analyst_9f8e7d6c/eve@example.com";
    static final String REQUESTER = "arn:aws:sts::100000000006:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b2c3d/dana@example.com";

    private TestWorkflowEnvironment environment;
    private String queue;
    private FakeIdentityActivities identity;
    private WorkflowClient client;

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        var approvals = new FakeApprovalActivities(Map.of(
                "production", new GatePolicy(List.of(OFFICERS), 1, false, Duration.ofDays(7), Duration.ZERO, IdentityMode.PROVEN),
                "quorum", new GatePolicy(List.of(OFFICERS), 2, false, Duration.ofDays(7), Duration.ZERO, IdentityMode.PROVEN),
                "short-history", new GatePolicy(List.of(OFFICERS), 2, false, Duration.ofDays(7), Duration.ZERO, IdentityMode.PROVEN,
                        30)),
                environment::currentTimeMillis);
        identity = new FakeIdentityActivities();
        worker.registerActivitiesImplementations(approvals, identity);
        environment.start();
        client = environment.getWorkflowClient();
    }

    @Test
    void approverProvenBySts_approvesAndTheAuditKeepsTheVerifiedPrincipal() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        DecisionReceipt after = run.decide(signed(JANE, "deploy/one", "production", Verdict.APPROVE, "AUC 0.91 over 0.85", "n1"));

        assertThat(after.state()).isEqualTo(GateState.APPROVED);
        assertThat(after.identity()).isEqualTo(IdentityMode.PROVEN);
        assertThat(after.approvedBy()).containsExactly("jane@example.com");
        assertThat(after.entry()).satisfies(decision -> {
            assertThat(decision.accepted()).isTrue();
            assertThat(decision.verified()).isTrue();
            assertThat(decision.actor()).isEqualTo("jane@example.com");
            assertThat(decision.principal()).isEqualTo(JANE);
            assertThat(decision.account()).isEqualTo("100000000006");
            assertThat(decision.verifiedAt()).isEqualTo("2026-12-06T10:00:00Z");
        });
    }

    @Test
    void outsider_isRefusedAndAuditedWithTheirVerifiedArn() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        assertThatThrownBy(() -> run.decide(signed(OUTSIDER, "deploy/one", "production", Verdict.APPROVE, "", "n1")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining(OUTSIDER + " is not an approver of gate 'production'");

        ApprovalState state = run.approval();
        assertThat(state.state()).isEqualTo(GateState.OPEN);
        assertThat(state.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.verified()).isTrue();
            assertThat(decision.principal()).isEqualTo(OUTSIDER);
            assertThat(decision.actor()).isEqualTo("eve@example.com");
        });
    }

    @Test
    void decisionWithoutProof_byUpdateOrSignal_isAuditedAndHasNoEffect() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        assertThatThrownBy(() -> run.decide(new Decision("jane@example.com", "", "", Verdict.APPROVE)))
                .rootCause().hasMessageContaining("no proof of identity");
        run.approve(Decision.approve("jane@example.com", "from the Web UI"));

        ApprovalState state = run.approval();
        assertThat(state.state()).isEqualTo(GateState.OPEN);
        assertThat(state.decisions()).hasSize(2).allSatisfy(decision -> {
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.verified()).isFalse();
            assertThat(decision.reason()).startsWith("no proof of identity");
        });
        assertThat(identity.checks).isEmpty();
    }

    @Test
    void proofBoundToAnotherRunOrToARejection_doesNotApprove() {
        GateHostWorkflow run = startGate("deploy/one", "production");
        var forOtherRun = signed(JANE, "deploy/other", "production", Verdict.APPROVE, "", "n1");
        var rejection = signed(JANE, "deploy/one", "production", Verdict.REJECT, "not yet", "n2");
        var flipped = new Decision("", "not yet", "", Verdict.APPROVE, rejection.proof());

        assertThatThrownBy(() -> run.decide(forOtherRun)).rootCause().hasMessageContaining("bound to another decision");
        assertThatThrownBy(() -> run.decide(flipped)).rootCause().hasMessageContaining("bound to another decision");

        assertThat(run.approval().state()).isEqualTo(GateState.OPEN);
        assertThat(run.approval().decisions()).hasSize(2).allSatisfy(decision -> {
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.reason()).startsWith("proof of identity refused: the proof is bound to another decision");
        });
    }

    @Test
    void proofReplayedAtTheSameGate_isRefusedByItsNonce() {
        GateHostWorkflow run = startGate("deploy/one", "quorum");
        var first = signed(JANE, "deploy/one", "quorum", Verdict.APPROVE, "ok", "n1");
        run.decide(first);

        assertThatThrownBy(() -> run.decide(first)).rootCause().hasMessageContaining("the proof's nonce was already used");

        assertThat(run.approval().approvedBy()).containsExactly("jane@example.com");
        assertThat(identity.checks).hasSize(1);
    }

    @Test
    void quorum_countsPersonsNotRolesOrAccounts() {
        GateHostWorkflow run = startGate("deploy/one", "quorum");
        run.decide(signed(JANE, "deploy/one", "quorum", Verdict.APPROVE, "ok", "n1"));

        assertThatThrownBy(() -> run.decide(signed(JANE_IN_CAPITALS, "deploy/one", "quorum", Verdict.APPROVE, "ok", "n2")))
                .rootCause().hasMessageContaining("'JANE@example.com' has already approved");
        DecisionReceipt after = run.decide(signed(OMAR, "deploy/one", "quorum", Verdict.APPROVE, "ok", "n3"));

        assertThat(after.state()).isEqualTo(GateState.APPROVED);
        assertThat(after.approvedBy()).containsExactly("jane@example.com", "omar@example.com");
    }

    @Test
    void requester_cannotApproveTheirOwnRunEvenWithAnApproversRole() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        assertThatThrownBy(() -> run.decide(signed(REQUESTER, "deploy/one", "production", Verdict.APPROVE, "", "n1")))
                .rootCause().hasMessageContaining("'dana@example.com' requested this run and may not approve it");
        assertThat(run.approval().state()).isEqualTo(GateState.OPEN);
    }

    @Test
    void runWhoseRequesterIsOnlyDeclared_countsNoApproval_butARejection() {
        GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId("deploy/declared").build());
        WorkflowClient.start(run::run, new GateHostWorkflow.Request("production", "dana@example.com", Map.of(), Duration.ZERO));
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(signed(JANE, "deploy/declared", "production", Verdict.APPROVE, "", "n1")))
                .rootCause().hasMessageContaining("the run's requester 'dana@example.com' is not verified");
        DecisionReceipt after = run.decide(signed(JANE, "deploy/declared", "production", Verdict.REJECT, "who asked?", "n2"));

        assertThat(after.state()).isEqualTo(GateState.REJECTED);
    }

    @Test
    void signalCarryingAProof_isVerifiedAndCounts() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        run.approve(signed(JANE, "deploy/one", "production", Verdict.APPROVE, "by script", "n1"));

        ApprovalState result = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
        assertThat(result.state()).isEqualTo(GateState.APPROVED);
        assertThat(result.decisions()).singleElement().extracting(AuditedDecision::principal).isEqualTo(JANE);
    }

    @Test
    void provenRejection_closesTheGate() {
        GateHostWorkflow run = startGate("deploy/one", "production");

        DecisionReceipt after = run.decide(signed(JANE, "deploy/one", "production", Verdict.REJECT, "recall dropped", "n1"));

        assertThat(after.state()).isEqualTo(GateState.REJECTED);
        assertThat(WorkflowStub.fromTyped(run).getResult(ApprovalState.class).state()).isEqualTo(GateState.REJECTED);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void gateThatContinuedAsNew_keepsItsVerifiedRequesterAndApprovals_andRefusesANonceSeenBefore() {
        GateHostWorkflow run = startGate("deploy/long", "short-history");
        run.decide(signed(JANE, "deploy/long", "short-history", Verdict.APPROVE, "first", "n1"));
        for (int i = 0; i < 8; i++) {
            run.approve(Decision.approve("eve@example.com", "unproven " + i));
        }
        ContinuedRunResults.awaitRuns(environment, "deploy/long", 2);
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(signed(OMAR, "deploy/long", "short-history", Verdict.APPROVE, "first", "n1")))
                .rootCause().hasMessageContaining("was already used at gate 'short-history'");
        assertThatThrownBy(() -> run.decide(signed(REQUESTER, "deploy/long", "short-history", Verdict.APPROVE, "mine", "n2")))
                .rootCause().hasMessageContaining("requested");
        DecisionReceipt second = run.decide(signed(OMAR, "deploy/long", "short-history", Verdict.APPROVE, "second", "n3"));

        assertThat(second.state()).isEqualTo(GateState.APPROVED);
        assertThat(second.approvedBy()).containsExactly("jane@example.com", "omar@example.com");
        ApprovalState closed = ContinuedRunResults.latest(environment, "deploy/long", ApprovalState.class);
        assertThat(closed.requesterPrincipal()).isEqualTo(REQUESTER);
        assertThat(closed.acceptedApprovals()).extracting(AuditedDecision::principal).containsExactly(JANE, OMAR);
    }

    private static Decision signed(String arn, String workflowId, String gate, Verdict verdict, String comment, String nonce) {
        var binding = new ProofBinding(workflowId, gate, verdict.name(), comment, nonce);
        return new Decision("", comment, "", verdict, FakeIdentityActivities.proof(arn, binding));
    }

    private GateHostWorkflow startGate(String workflowId, String gate) {
        GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
        WorkflowClient.start(run::run, new GateHostWorkflow.Request(gate, "dana@example.com", Map.of(), Duration.ZERO, REQUESTER));
        GateWaits.awaitOpen(environment, run);
        return run;
    }
}
