package io.sluice.workflows.approval;

import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.SluiceTestWorkflows;
import io.sluice.workflows.identity.IdentityMode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApprovalGateTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(GateHostWorkflow.Impl.class);
    static final String LEAD = "lead-ds@example.com";
    static final String SECOND = "head-of-ml@example.com";
    static final String REQUESTER = "data-scientist@example.com";
    /** A history limit low enough that a few decisions fill it. */
    static final int SHORT_HISTORY = 40;

    private TestWorkflowEnvironment environment;
    private String queue;
    private FakeApprovalActivities activities;
    private WorkflowClient client;

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        activities = new FakeApprovalActivities(Map.of(
                "single", new GatePolicy(List.of(LEAD, REQUESTER), 1, false, Duration.ofDays(7), Duration.ZERO),
                "quorum", new GatePolicy(List.of(LEAD, SECOND), 2, false, Duration.ofDays(7), Duration.ZERO),
                "expiring", new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(2), Duration.ZERO),
                "reminding", new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(3), Duration.ofDays(1)),
                "weeks-open", new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(60), Duration.ofDays(1)),
                "short-history", new GatePolicy(List.of(LEAD, SECOND), 2, false, Duration.ofDays(30), Duration.ofDays(1),
                        IdentityMode.DECLARED, SHORT_HISTORY)),
                environment::currentTimeMillis);
        worker.registerActivitiesImplementations(activities);
        environment.start();
        client = environment.getWorkflowClient();
    }

    @Test
    void allowedApprover_approvesAndTheRunStopsAwaitingApproval() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        DecisionReceipt afterDecision = run.decide(Decision.approve(LEAD, "AUC 0.91 beats the baseline"));

        assertThat(afterDecision.state()).isEqualTo(GateState.APPROVED);
        assertThat(afterDecision.approvedBy()).containsExactly(LEAD);
        ApprovalState result = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
        assertThat(result.state()).isEqualTo(GateState.APPROVED);
        assertThat(result.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.actor()).isEqualTo(LEAD);
            assertThat(decision.decision()).isEqualTo(Verdict.APPROVE);
            assertThat(decision.comment()).isEqualTo("AUC 0.91 beats the baseline");
            assertThat(decision.accepted()).isTrue();
        });
        var attributes = WorkflowStub.fromTyped(run).describe().getTypedSearchAttributes();
        assertThat(attributes.get(SluiceSearchAttributes.AWAITING_APPROVAL)).isFalse();
        assertThat(attributes.get(SluiceSearchAttributes.STAGE)).isEqualTo("single");
    }

    @Test
    void openGate_marksTheRunAwaitingApprovalAtItsStageAndShowsTheContext() {
        GateHostWorkflow run = startGate("single");

        ApprovalState open = GateWaits.awaitOpen(environment, run);

        var attributes = WorkflowStub.fromTyped(run).describe().getTypedSearchAttributes();
        assertThat(attributes.get(SluiceSearchAttributes.AWAITING_APPROVAL)).isTrue();
        assertThat(attributes.get(SluiceSearchAttributes.STAGE)).isEqualTo("single");
        assertThat(open.approvers()).containsExactly(LEAD, REQUESTER);
        assertThat(open.requester()).isEqualTo(REQUESTER);
        assertThat(open.context()).containsEntry("auc", "0.91");
        assertThat(Duration.between(Instant.parse(open.openedAt()), Instant.parse(open.deadline()))).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aSignalBeforeTheGateOpens_isNotKeptForIt_butAuditedAsRefusedWithTheReason() {
        GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId("gate-host/early").build());
        var batch = client.newSignalWithStartRequest();
        batch.add(run::run, new GateHostWorkflow.Request("single", REQUESTER, Map.of("auc", "0.91"), Duration.ZERO));
        batch.add(run::approve, Decision.approve(LEAD, "approved before the model was registered"));
        client.signalWithStart(batch);

        ApprovalState open = GateWaits.awaitOpen(environment, run);

        assertThat(open.state()).isEqualTo(GateState.OPEN);
        assertThat(open.approvedBy()).isEmpty();
        assertThat(open.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.actor()).isEqualTo(LEAD);
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.reason()).isEqualTo("no approval gate is open yet");
        });
    }

    @Test
    void strangersSignal_isIgnoredAndAuditedWithTheReason() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        run.approve(Decision.approve("mallory@example.com", "looks fine"));

        ApprovalState state = run.approval();
        assertThat(state.state()).isEqualTo(GateState.OPEN);
        assertThat(state.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.actor()).isEqualTo("mallory@example.com");
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.reason()).isEqualTo("'mallory@example.com' is not an approver of gate 'single'; approvers are ["
                    + LEAD + ", " + REQUESTER + "]");
        });
    }

    @Test
    void strangersUpdate_isRefusedWithTheReasonAuditedAndChangesNothing() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(Decision.approve("mallory@example.com", "")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("'mallory@example.com' is not an approver of gate 'single'");
        assertThat(run.approval().state()).isEqualTo(GateState.OPEN);
        assertThat(run.approval().decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.actor()).isEqualTo("mallory@example.com");
            assertThat(decision.accepted()).isFalse();
            assertThat(decision.verified()).isFalse();
            assertThat(decision.reason()).contains("is not an approver of gate 'single'");
        });
    }

    @Test
    void updateForAGateThatIsNotOpen_isRefusedByTheValidatorWithoutAnAuditEntry() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(Decision.approve(LEAD, "").forGate("quorum")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("the decision is for gate 'quorum', but the open gate is 'single'");
        assertThat(run.approval().decisions()).isEmpty();
    }

    @Test
    void requester_cannotApproveTheirOwnRun() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(Decision.approve(REQUESTER, "")))
                .rootCause().hasMessageContaining("'" + REQUESTER + "' requested this run and may not approve it");
        run.approve(Decision.approve(REQUESTER, "self"));

        assertThat(run.approval().state()).isEqualTo(GateState.OPEN);
        assertThat(run.approval().decisions()).hasSize(2).extracting(AuditedDecision::accepted).containsOnly(false);
    }

    @Test
    void quorumOfTwo_needsTwoDifferentApprovers() {
        GateHostWorkflow run = startGate("quorum");
        GateWaits.awaitOpen(environment, run);

        DecisionReceipt afterFirst = run.decide(Decision.approve(LEAD, "ok"));
        assertThatThrownBy(() -> run.decide(Decision.approve(LEAD, "ok again")))
                .rootCause().hasMessageContaining("'" + LEAD + "' has already approved; gate 'quorum' needs 2 different approvers");
        DecisionReceipt afterSecond = run.decide(Decision.approve(SECOND, "ok"));

        assertThat(afterFirst.state()).isEqualTo(GateState.OPEN);
        assertThat(afterSecond.state()).isEqualTo(GateState.APPROVED);
        assertThat(afterSecond.approvedBy()).containsExactly(LEAD, SECOND);
    }

    @Test
    void rejectWithoutComment_isRefusedAndWithACommentClosesTheGate() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(Decision.reject(LEAD, " ")))
                .rootCause().hasMessageContaining("a rejection needs a comment saying why");
        DecisionReceipt rejected = run.decide(Decision.reject(LEAD, "recall dropped on the new segment"));

        assertThat(rejected.state()).isEqualTo(GateState.REJECTED);
        assertThat(WorkflowStub.fromTyped(run).getResult(ApprovalState.class).state()).isEqualTo(GateState.REJECTED);
    }

    @Test
    void decisionForAnotherGate_isRefused() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        assertThatThrownBy(() -> run.decide(Decision.approve(LEAD, "").forGate("production-approval")))
                .rootCause().hasMessageContaining("the decision is for gate 'production-approval', but the open gate is 'single'");
    }

    @Test
    void decisionAfterTheGateClosed_isRefusedAndAudited() {
        GateHostWorkflow run = startGate("quorum", Duration.ofHours(1));
        GateWaits.awaitOpen(environment, run);
        run.decide(Decision.reject(LEAD, "no"));

        assertThatThrownBy(() -> run.decide(Decision.approve(SECOND, "late")))
                .rootCause().hasMessageContaining("gate 'quorum' is closed (REJECTED)");
        run.approve(Decision.approve(SECOND, "late"));

        ApprovalState state = run.approval();
        assertThat(state.state()).isEqualTo(GateState.REJECTED);
        assertThat(state.decisions()).extracting(AuditedDecision::actor, AuditedDecision::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LEAD, true), org.assertj.core.groups.Tuple.tuple(SECOND, false));
    }

    @Test
    void deadline_expiresTheGate() {
        GateHostWorkflow run = startGate("expiring");

        ApprovalState result = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);

        assertThat(result.state()).isEqualTo(GateState.EXPIRED);
        assertThat(Instant.ofEpochMilli(environment.currentTimeMillis())).isAfterOrEqualTo(Instant.parse(result.deadline()));
        assertThat(activities.reminders).isEmpty();
    }

    @Test
    void reminders_goOutAtTheIntervalUntilTheDeadline() {
        GateHostWorkflow run = startGate("reminding");

        ApprovalState result = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);

        Instant opened = Instant.parse(result.openedAt());
        assertThat(activities.reminders).extracting(sent -> sent.reminder().number()).containsExactly(1, 2);
        assertThat(activities.reminders).extracting(sent -> Duration.between(opened, sent.at()).toHours())
                .containsExactly(24L, 48L);
        assertThat(activities.reminders.get(0).reminder().approvers()).containsExactly(LEAD);
        assertThat(result.state()).isEqualTo(GateState.EXPIRED);
    }

    @Test
    void aGateOpenForWeeks_sendsAtMostItsCapOfReminders_thenWaitsForItsDeadline() {
        GateHostWorkflow run = startGate("weeks-open");

        ApprovalState result = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);

        assertThat(activities.reminders).hasSize(ApprovalGate.REMINDERS_AT_MOST);
        assertThat(result.state()).isEqualTo(GateState.EXPIRED);
        assertThat(Duration.between(Instant.parse(result.openedAt()), Instant.parse(result.deadline()))).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void refusalsPastTheAuditsLimit_areCountedNotKept_andAnAcceptedDecisionIsAlwaysKept() {
        GateHostWorkflow run = startGate("single");
        GateWaits.awaitOpen(environment, run);

        for (int i = 0; i < ApprovalGate.REFUSALS_KEPT + 7; i++) {
            run.approve(Decision.approve("mallory@example.com", "attempt " + i));
        }
        DecisionReceipt approved = run.decide(Decision.approve(LEAD, "ok"));

        ApprovalState state = WorkflowStub.fromTyped(run).getResult(ApprovalState.class);
        assertThat(state.decisions()).hasSize(ApprovalGate.REFUSALS_KEPT + 1);
        assertThat(state.refusalsNotKept()).isEqualTo(7);
        assertThat(state.decisions().get(state.decisions().size() - 1).actor()).isEqualTo(LEAD);
        assertThat(approved.entry().accepted()).isTrue();
        assertThat(approved.entry().comment()).isEqualTo("ok");
    }

    @Test
    @Timeout(60)
    void gateWhoseHistoryFills_continuesAsNewWithItsWholeState_andClosesInTheLatestRun() {
        GateHostWorkflow run = startGate("short-history");
        ApprovalState opened = GateWaits.awaitOpen(environment, run);
        String firstRun = WorkflowStub.fromTyped(run).getExecution().getRunId();

        run.decide(Decision.approve(LEAD, "first of two"));
        for (int i = 0; i < 20; i++) {
            run.approve(Decision.approve("mallory@example.com", "attempt " + i));
        }
        environment.sleep(Duration.ofDays(2).plusHours(1));
        GateWaits.awaitOpen(environment, run);
        DecisionReceipt second = run.decide(Decision.approve(SECOND, "second of two"));

        ApprovalState closed = ContinuedRunResults.latest(environment, "gate-host/short-history", ApprovalState.class);
        assertThat(second.state()).isEqualTo(GateState.APPROVED);
        assertThat(closed.state()).isEqualTo(GateState.APPROVED);
        assertThat(closed.approvedBy()).containsExactly(LEAD, SECOND);
        assertThat(closed.decisions()).as("the audit of every run, in order").hasSize(22);
        assertThat(closed.decisions().get(0).comment()).isEqualTo("first of two");
        assertThat(closed.decisions().subList(1, 21)).allSatisfy(refused -> assertThat(refused.accepted()).isFalse());
        assertThat(closed.openedAt()).as("the gate opened once, in the first run").isEqualTo(opened.openedAt());
        assertThat(closed.deadline()).isEqualTo(opened.deadline());
        assertThat(closed.requester()).isEqualTo(REQUESTER);
        assertThat(closed.context()).isEqualTo(opened.context());
        assertThat(activities.reminders).as("reminders go on being counted, on the gate's schedule, across runs")
                .extracting(sent -> sent.reminder().number()).containsExactly(1, 2);
        Instant openedAt = Instant.parse(opened.openedAt());
        for (int day = 1; day <= 2; day++) {
            assertThat(Duration.between(openedAt.plus(Duration.ofDays(day)), activities.reminders.get(day - 1).at()).abs())
                    .isLessThan(Duration.ofMinutes(1));
        }

        var runs = ContinuedRunResults.runs(environment, "gate-host/short-history");
        assertThat(runs).as("the gate moved to a new run").hasSizeGreaterThanOrEqualTo(2);
        assertThat(runs.get(0).getExecution().getRunId()).isEqualTo(firstRun);
        assertThat(runs.subList(0, runs.size() - 1)).allSatisfy(earlier -> assertThat(earlier.getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW));
        assertThat(runs).as("each run stops soon after its history reaches the limit: a task may bring several decisions at once")
                .allSatisfy(each -> assertThat(each.getHistoryLength()).isLessThan(2 * SHORT_HISTORY));
        assertThat(runs.get(runs.size() - 1).getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void runStartedWithACarriedGate_isRefusedBeforeItWaits() {
        var forged = new GateCarry("single", new GatePolicy(List.of(LEAD), 1, false, Duration.ofDays(7), Duration.ZERO), REQUESTER, null,
                "2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z", Map.of(), List.of(), 0, 0, List.of(LEAD), Map.of(), 0);
        GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId("gate-host/forged").build());
        WorkflowClient.start(run::run, new GateHostWorkflow.Request("single", REQUESTER, Map.of(), Duration.ZERO, null, forged));

        var failure = catchThrowableOfType(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(run).getResult(ApprovalState.class));

        assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, cause -> {
            assertThat(cause.getType()).isEqualTo("sluice.InvalidInput");
            assertThat(cause.isNonRetryable()).isTrue();
            assertThat(cause.getOriginalMessage()).isEqualTo("invalid input: atGate is set, but this run did not continue as new"
                    + " from an earlier one; only a run waiting at its gate sets it: start the run without atGate");
        });
        assertThat(activities.reminders).isEmpty();    }

    private GateHostWorkflow startGate(String gate) {
        return startGate(gate, Duration.ZERO);
    }

    private GateHostWorkflow startGate(String gate, Duration lingerAfterClose) {
        GateHostWorkflow run = client.newWorkflowStub(GateHostWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId("gate-host/" + gate).build());
        WorkflowClient.start(run::run, new GateHostWorkflow.Request(gate, REQUESTER, Map.of("auc", "0.91"), lingerAfterClose));
        return run;
    }

}
