package io.sluice.workflows.approval;

import io.sluice.workflows.ActivitySteps;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The human approval step of a workflow, shared by every gate. Workflow code calls
 * {@link #open}; the workflow's {@link Approvable} handlers feed decisions in. While it is open the
 * run carries {@code SluiceAwaitingApproval=true} and {@code SluiceStage=<gate>}, and its current
 * details say who must approve what. It closes APPROVED when {@code needed} different approvers
 * approved, REJECTED on the first accepted rejection, or EXPIRED at the deadline; reminders go out
 * through {@link ApprovalActivities#remind} at the policy's interval.
 *
 * <p>Where the policy requires proof ({@link IdentityMode#PROVEN}), a decision counts only after
 * {@link IdentityActivities#verify} proved who sent it, with a proof bound to this run, this gate,
 * this verdict and comment, and a nonce the gate has not seen. Every decision that is an attempt on
 * the open gate is audited, whether it came by signal or update and whether it counted.
 *
 * <p>A gate may stay open for weeks, and every decision sent to it lengthens the run's history.
 * When the history reaches the policy's {@code continueAfterEvents} (or the server suggests it), the
 * gate waits for its handlers to finish and continues as new, with the input the workflow's
 * {@link GateContinuation} makes of its whole state ({@link GateCarry}); the next run
 * {@link #resume resumes} the gate where it stood, under the same workflow id.
 */
public final class ApprovalGate {
    private static final Logger log = Workflow.getLogger(ApprovalGate.class);

    /**
     * Change id: the gate waits on a timer the Web UI names (the next reminder, or the deadline)
     * instead of an unnamed one, and sends at most {@link #REMINDERS_AT_MOST} reminders.
     */
    static final String NAMED_GATE_TIMERS = "named-gate-timers";
    /**
     * Change id: an open gate whose run's history reaches the policy's {@code continueAfterEvents}
     * (or the server suggests it) moves to a new run of the workflow, carrying its whole state.
     */
    static final String CONTINUES_AS_NEW = "gate-continues-as-new";

    private static final ActivityOptions ACTIVITY_OPTIONS = ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumAttempts(5)
                            .setDoNotRetry(io.sluice.workflows.FailureType.nonRetryableTypes())
                            .build())
                    .build();

    private final IdentityActivities identity = IdentityChecks.stub("verify who decides with STS");

    /** How many refused decisions the audit trail keeps; later refusals are only counted. */
    static final int REFUSALS_KEPT = 50;
    /** How many reminders a gate sends at most; after that it waits for its deadline in silence. */
    static final int REMINDERS_AT_MOST = 30;
    /**
     * How many events a run holds at least before its gate continues as new, whatever the policy or
     * the server says: a resumed gate starts with a few, so it never continues again before a
     * decision or a timer has come in.
     */
    static final int EVENTS_BEFORE_CONTINUING_AT_LEAST = 20;
    /**
     * How long a proof's nonce is remembered across runs: a proof verifies only within 15 minutes of
     * its signing ({@link IdentityActivities#verify}), and an hour covers that and the clocks' skew.
     */
    static final Duration NONCES_REMEMBERED_FOR = Duration.ofHours(1);

    private final List<AuditedDecision> decisions = new ArrayList<>();
    private int refusalsKept;
    private int refusalsNotKept;
    private final Set<String> approvedBy = new LinkedHashSet<>();
    /** The proofs' nonces seen, with when (ISO-8601); a proof counts once. */
    private final Map<String, String> usedNonces = new LinkedHashMap<>();
    private String name = "";
    private GateState state = GateState.NOT_OPENED;
    private GatePolicy policy;
    private Requester requester = Requester.declared("");
    private Instant openedAt;
    private Instant deadline;
    private Map<String, String> context = Map.of();
    private int remindersSent;
    /** The reminder being sent, if any; a run waits for it before it continues as new. */
    private Promise<ApprovalActivities.ReminderSent> pendingReminder;
    /** Whether the gate opened in an earlier run, which this one continued from. */
    private boolean resumed;

    /** Opens gate {@code gateName} for a run whose requester is only declared; see {@link #open(String, Requester, Map)}. */
    public ApprovalState open(String gateName, String requester, Map<String, String> context) {
        return open(gateName, Requester.declared(requester), context);
    }

    /** Opens gate {@code gateName} in a run that never continues as new; see {@link #open(String, Requester, Map, GateContinuation)}. */
    public ApprovalState open(String gateName, Requester requester, Map<String, String> context) {
        return open(gateName, requester, context, null);
    }

    /**
     * Opens gate {@code gateName} and waits until it closes.
     *
     * @param requester who requested the run (may not approve it unless the policy allows)
     * @param context what the approvers need to decide: metrics, report figures, links
     * @param continuation how the run goes on in a new run when its history reaches the policy's
     *     {@code continueAfterEvents} while the gate is open; null where the run never does
     * @return the closed gate's state: APPROVED, REJECTED or EXPIRED
     */
    public ApprovalState open(String gateName, Requester requester, Map<String, String> context, GateContinuation continuation) {
        if (state != GateState.NOT_OPENED) {
            throw new IllegalStateException("gate '" + name + "' was already opened");
        }
        this.policy = activities("Read who may decide at gate " + gateName).policy(new ApprovalActivities.PolicyRequest(gateName));
        this.name = gateName;
        this.requester = requester;
        this.context = Map.copyOf(context);
        this.openedAt = now();
        this.deadline = openedAt.plus(policy.deadline());
        this.state = GateState.OPEN;
        Workflow.upsertTypedSearchAttributes(
                SluiceSearchAttributes.AWAITING_APPROVAL.valueSet(true), SluiceSearchAttributes.STAGE.valueSet(gateName));
        Workflow.setCurrentDetails(openDetails());

        boolean namedTimers = Workflow.getVersion(NAMED_GATE_TIMERS, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        boolean continues = continuation != null
                && Workflow.getVersion(CONTINUES_AS_NEW, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        return waitUntilClosed(namedTimers, continues ? continuation : null);
    }

    /**
     * Opens again, in the run that continued as new, the gate {@code carried} describes, and waits
     * until it closes: the same deadline, audit and approvals so far.
     *
     * @return the closed gate's state: APPROVED, REJECTED or EXPIRED
     */
    public ApprovalState resume(GateCarry carried, GateContinuation continuation) {
        if (state != GateState.NOT_OPENED) {
            throw new IllegalStateException("gate '" + name + "' was already opened");
        }
        this.policy = carried.policy();
        this.name = carried.name();
        this.requester = carried.requester();
        this.context = carried.context();
        this.openedAt = Instant.parse(carried.openedAt());
        this.deadline = Instant.parse(carried.deadline());
        this.decisions.addAll(carried.decisions());
        this.refusalsKept = carried.refusalsKept();
        this.refusalsNotKept = carried.refusalsNotKept();
        this.approvedBy.addAll(carried.approvedBy());
        this.usedNonces.putAll(carried.usedNonces());
        this.remindersSent = carried.remindersSent();
        this.state = GateState.OPEN;
        Workflow.upsertTypedSearchAttributes(
                SluiceSearchAttributes.AWAITING_APPROVAL.valueSet(true), SluiceSearchAttributes.STAGE.valueSet(name));
        Workflow.setCurrentDetails(openDetails());
        this.resumed = true;
        log.info("gate {} resumed after the run continued as new", name);
        return waitUntilClosed(true, continuation);
    }

    /** The open gate's whole state, as the next run needs it to resume the gate. */
    private GateCarry carried() {
        return new GateCarry(name, policy, requester.name(), requester.principal(), openedAt.toString(), deadline.toString(), context, decisions, refusalsKept,
                refusalsNotKept, List.copyOf(approvedBy), recentNonces(), remindersSent);
    }

    /** The nonces seen within {@link #NONCES_REMEMBERED_FOR}: older proofs no longer verify, so need not be carried. */
    private Map<String, String> recentNonces() {
        Instant since = now().minus(NONCES_REMEMBERED_FOR);
        Map<String, String> recent = new LinkedHashMap<>();
        usedNonces.forEach((nonce, at) -> {
            if (Instant.parse(at).isAfter(since)) {
                recent.put(nonce, at);
            }
        });
        return recent;
    }

    private ApprovalState waitUntilClosed(boolean namedTimers, GateContinuation continuation) {
        while (state == GateState.OPEN) {
            Duration remaining = Duration.between(now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                state = GateState.EXPIRED;
                break;
            }
            Duration untilReminder = untilNextReminder();
            boolean remind = !policy.reminderEvery().isZero() && untilReminder.compareTo(remaining) < 0
                    && (!namedTimers || remindersSent < REMINDERS_AT_MOST);
            Duration wait = remind ? untilReminder : remaining;
            if (!namedTimers) {
                if (!Workflow.await(wait, () -> state != GateState.OPEN) && remind) {
                    sendReminder(++remindersSent);
                }
                continue;
            }
            Wake wake = awaitClosed(wait, remind ? "Reminder " + (remindersSent + 1) + " of gate " + name : "Deadline of gate " + name,
                    continuation != null);
            if (wake == Wake.HISTORY_FULL) {
                handOver(continuation);
            } else if (wake == Wake.TIMER && remind) {
                sendReminder(++remindersSent);
            }
        }
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.AWAITING_APPROVAL.valueSet(false));
        if (state == GateState.APPROVED) {
            ApprovedBy.add(state().acceptedApprovals().stream().filter(AuditedDecision::verified).map(AuditedDecision::actor).toList());
        }
        Workflow.setCurrentDetails("Gate `" + name + "` closed: **" + state + "**"
                + (approvedBy.isEmpty() ? "" : ", approved by " + String.join(", ", approvedBy)) + ".");
        log.info("gate {} closed {}", name, state);
        return state();
    }

    /**
     * Hands the open gate to a new run once every handler and the reminder being sent have finished
     * (a decision being verified may still close the gate, or the deadline pass, and then the run
     * goes on here).
     */
    private void handOver(GateContinuation continuation) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (pendingReminder != null) {
            pendingReminder.get();
        }
        if (state != GateState.OPEN || !now().isBefore(deadline)) {
            return;
        }
        // The run that continues closes; only the one it continues as awaits approval.
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.AWAITING_APPROVAL.valueSet(false));
        log.info("gate {}: the run's history has {} events; continuing as new", name, Workflow.getInfo().getHistoryLength());
        ContinuedRuns.continueAsNew(continuation.nextInput(carried()));
    }

    /**
     * How long until the next reminder is due: the policy's interval from now, as the gate always
     * waited; in a resumed gate, what is left of that interval on the schedule kept since the gate
     * opened, so continuing as new does not put reminders off.
     */
    private Duration untilNextReminder() {
        if (!resumed) {
            return policy.reminderEvery();
        }
        Duration left = Duration.between(now(), openedAt.plus(policy.reminderEvery().multipliedBy(remindersSent + 1L)));
        if (left.compareTo(policy.reminderEvery().negated()) < 0) {
            return policy.reminderEvery(); // far behind the schedule (no worker for a while): one interval from now
        }
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Whether the run's history is long enough that the open gate should move to a new run. */
    private boolean historyFull() {
        var info = Workflow.getInfo();
        return info.getHistoryLength() >= EVENTS_BEFORE_CONTINUING_AT_LEAST
                && (info.getHistoryLength() >= policy.continueAfterEvents() || info.isContinueAsNewSuggested());
    }

    /** Handles an {@code approve} or {@code reject} signal: counts it, or audits why not. */
    public void signal(Decision decision, Verdict verdict) {
        apply(decision.withVerdict(verdict));
    }

    /**
     * The {@code decide} update's validator: refuses at once, without an audit entry, a decision
     * that is no attempt on the open gate (no verdict, another gate, no gate open). Whatever else
     * would refuse it is decided, and audited, by the handler.
     */
    public void validate(Decision decision) {
        var refusal = DecisionRules.notForOpenGate(state(), decision);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
    }

    /**
     * The {@code decide} update's handler: verifies who decides where the gate needs proof, counts
     * the decision or audits why not, and returns where the gate is now with the decision as audited.
     *
     * @throws ApplicationFailure {@code sluice.DecisionRefused} with the reason when it does not count
     */
    public DecisionReceipt decide(Decision decision) {
        var refusal = apply(decision);
        if (refusal.isPresent()) {
            throw FailureType.DECISION_REFUSED.failure(refusal.get());
        }
        return new DecisionReceipt(name, state, policy.needed(), List.copyOf(approvedBy), policy.approvers(), policy.identity(),
                decisions.get(decisions.size() - 1));
    }

    /** The gate's state now, with every decision received. */
    public ApprovalState state() {
        if (state == GateState.NOT_OPENED) {
            return ApprovalState.notOpened(decisions, refusalsNotKept);
        }
        return new ApprovalState(name, state, policy.approvers(), policy.needed(), policy.allowSelfApproval(),
                requester.name(), openedAt.toString(), deadline.toString(), context, List.copyOf(approvedBy), decisions,
                policy.identity(), requester.isVerified() ? requester.principal().arn() : "", refusalsNotKept);
    }

    private boolean requiresProof() {
        return policy != null && policy.identity() == IdentityMode.PROVEN;
    }

    /** Counts {@code decision} or audits why not; returns the refusal. May block while STS verifies a proof. */
    private Optional<String> apply(Decision decision) {
        if (!requiresProof() || DecisionRules.notForOpenGate(state(), decision).isPresent()) {
            var refusal = DecisionRules.declaredRefusal(state(), decision);
            audit(AuditedDecision.unverified(decision, now().toString(), refusal.orElse("")));
            refusal.ifPresentOrElse(reason -> ignored(decision.actor(), decision, reason), () -> count(decision, decision.actor()));
            return refusal;
        }
        var unverifiable = unverifiable(decision);
        if (unverifiable.isPresent()) {
            audit(AuditedDecision.unverified(decision, now().toString(), unverifiable.get()));
            ignored(decision.actor(), decision, unverifiable.get());
            return unverifiable;
        }
        usedNonces.put(decision.proof().nonce(), now().toString());
        VerifiedPrincipal principal;
        try {
            principal = identity.verify(new IdentityActivities.ProofCheck(new ProofBinding(Workflow.getInfo().getWorkflowId(),
                    name, decision.verdict().name(), decision.comment(), decision.proof().nonce()), decision.proof()));
        } catch (ActivityFailure e) {
            String reason = "proof of identity refused: " + IdentityChecks.reason(e);
            audit(AuditedDecision.unverified(decision, now().toString(), reason));
            ignored(decision.actor(), decision, reason);
            return Optional.of(reason);
        }
        var refusal = DecisionRules.provenRefusal(state(), decision, principal);
        audit(AuditedDecision.verified(decision, principal, now().toString(), refusal.orElse("")));
        refusal.ifPresentOrElse(reason -> ignored(principal.arn(), decision, reason), () -> count(decision, principal.person()));
        return refusal;
    }

    /** Why a decision for the open gate cannot even be verified: no comment on a rejection, no proof, a used nonce. */
    private Optional<String> unverifiable(Decision decision) {
        var missingComment = DecisionRules.missingComment(decision);
        if (missingComment.isPresent()) {
            return missingComment;
        }
        if (decision.proof() == null) {
            return Optional.of("no proof of identity: gate '" + name + "' counts only decisions whose sender AWS proved"
                    + " (sluice approve/reject sign one with your AWS credentials)");
        }
        if (decision.proof().nonce().isEmpty() || usedNonces.containsKey(decision.proof().nonce())) {
            return Optional.of("the proof's nonce " + (decision.proof().nonce().isEmpty() ? "is empty"
                    : "was already used at gate '" + name + "'") + "; a proof counts once: sign a new decision");
        }
        return Optional.empty();
    }

    /**
     * Keeps {@code entry} in the audit trail. Every accepted decision is kept; refused ones up to
     * {@link #REFUSALS_KEPT}, and past that only counted, so a gate flooded with refused signals
     * keeps a bounded state.
     */
    private void audit(AuditedDecision entry) {
        if (!entry.accepted() && refusalsKept >= REFUSALS_KEPT) {
            refusalsNotKept++;
            return;
        }
        if (!entry.accepted()) {
            refusalsKept++;
        }
        decisions.add(entry);
    }

    private void ignored(String who, Decision decision, String reason) {
        log.info("gate {}: ignored {} from '{}': {}", name, decision.verdict(), who, reason);
    }

    private void count(Decision decision, String person) {
        if (decision.verdict() == Verdict.REJECT) {
            state = GateState.REJECTED;
            return;
        }
        approvedBy.add(person);
        if (approvedBy.size() >= policy.needed()) {
            state = GateState.APPROVED;
        } else {
            Workflow.setCurrentDetails(openDetails());
        }
    }


    /** What ended a wait at the gate. */
    private enum Wake { CLOSED, TIMER, HISTORY_FULL }

    /**
     * Waits until the gate closes, {@code wait} has passed or (where {@code mayContinue}) the history
     * is full, on a timer the Web UI shows as {@code summary}; cancels the timer when it did not fire.
     */
    private Wake awaitClosed(Duration wait, String summary, boolean mayContinue) {
        List<Promise<Void>> timer = new ArrayList<>();
        CancellationScope scope = Workflow.newCancellationScope(
                () -> timer.add(Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary(summary).build())));
        scope.run();
        Workflow.await(() -> state != GateState.OPEN || timer.get(0).isCompleted() || mayContinue && historyFull());
        Wake wake = state != GateState.OPEN ? Wake.CLOSED : timer.get(0).isCompleted() ? Wake.TIMER : Wake.HISTORY_FULL;
        if (!timer.get(0).isCompleted()) {
            scope.cancel();
            timer.get(0).exceptionally(cancelled -> null);
        }
        return wake;
    }

    private static ApprovalActivities activities(String summary) {
        return Workflow.newActivityStub(ApprovalActivities.class, ActivitySteps.summarized(ACTIVITY_OPTIONS, summary));
    }

    private void sendReminder(int number) {
        var reminder = new ApprovalActivities.Reminder(Workflow.getInfo().getWorkflowId(), name, number,
                policy.approvers(), requester.name(), deadline.toString(), context);
        pendingReminder = Async.function(activities("Remind the approvers of gate " + name + " (reminder " + number + ")")::remind,
                reminder).exceptionally(failure -> {
                    log.warn("reminder {} for gate {} could not be sent: {}", number, name, failure.getMessage());
                    return null;
                });
    }

    private String openDetails() {
        int missing = policy.needed() - approvedBy.size();
        return "**Awaiting approval** at gate `" + name + "`: " + missing + " more approval"
                + (missing == 1 ? "" : "s") + " from " + String.join(", ", policy.approvers())
                + (approvedBy.isEmpty() ? "" : " (approved so far: " + String.join(", ", approvedBy) + ")")
                + ". Requested by " + (requester.name().isEmpty() ? "unknown" : requester.name())
                + (requester.isVerified() || !requiresProof() ? "" : " (unverified)") + "; expires " + deadline + ".\n\n"
                + (requiresProof()
                        ? "`AWS_PROFILE=<yours> sluice approve " + Workflow.getInfo().getWorkflowId() + "` or `sluice reject "
                                + Workflow.getInfo().getWorkflowId() + " --comment <why>` (decisions need a proof of identity)"
                        : "`sluice approve " + Workflow.getInfo().getWorkflowId() + " --as <you>` or `sluice reject "
                                + Workflow.getInfo().getWorkflowId() + " --as <you> --comment <why>` (names are unverified)");
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
