package io.sluice.workflows.approval;

import io.sluice.workflows.SearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The human approval step of a workflow, shared by every gate. Workflow code calls
 * {@link #open}; the workflow's {@link Approvable} handlers feed decisions in. While it is open the
 * run carries {@code SluiceAwaitingApproval=true} and {@code SluiceStage=<gate>}, and its current
 * details say who must approve what. It closes APPROVED when {@code needed} different approvers
 * approved, REJECTED on the first accepted rejection, or EXPIRED at the deadline; reminders go out
 * through {@link ApprovalActivities#remind} at the policy's interval.
 */
public final class ApprovalGate {
    private static final Logger log = Workflow.getLogger(ApprovalGate.class);

    private final ApprovalActivities activities = Workflow.newActivityStub(ApprovalActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumAttempts(5)
                            .setDoNotRetry(io.sluice.workflows.FailureType.nonRetryableTypes())
                            .build())
                    .build());

    private final List<AuditedDecision> decisions = new ArrayList<>();
    private final Set<String> approvedBy = new LinkedHashSet<>();
    private String name = "";
    private GateState state = GateState.NOT_OPENED;
    private GatePolicy policy;
    private String requester = "";
    private Instant openedAt;
    private Instant deadline;
    private Map<String, String> context = Map.of();

    /**
     * Opens gate {@code gateName} and waits until it closes.
     *
     * @param requester who requested the run (may not approve it unless the policy allows)
     * @param context what the approvers need to decide: metrics, report figures, links
     * @return the closed gate's state: APPROVED, REJECTED or EXPIRED
     */
    public ApprovalState open(String gateName, String requester, Map<String, String> context) {
        if (state != GateState.NOT_OPENED) {
            throw new IllegalStateException("gate '" + name + "' was already opened");
        }
        this.policy = activities.policy(new ApprovalActivities.PolicyRequest(gateName));
        this.name = gateName;
        this.requester = requester;
        this.context = Map.copyOf(context);
        this.openedAt = now();
        this.deadline = openedAt.plus(policy.deadline());
        this.state = GateState.OPEN;
        Workflow.upsertTypedSearchAttributes(
                SearchAttributes.AWAITING_APPROVAL.valueSet(true), SearchAttributes.STAGE.valueSet(gateName));
        Workflow.setCurrentDetails(openDetails());

        int reminders = 0;
        while (state == GateState.OPEN) {
            Duration remaining = Duration.between(now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                state = GateState.EXPIRED;
                break;
            }
            boolean remind = !policy.reminderEvery().isZero() && policy.reminderEvery().compareTo(remaining) < 0;
            Duration wait = remind ? policy.reminderEvery() : remaining;
            boolean closed = Workflow.await(wait, () -> state != GateState.OPEN);
            if (!closed && remind) {
                sendReminder(++reminders);
            }
        }
        Workflow.upsertTypedSearchAttributes(SearchAttributes.AWAITING_APPROVAL.valueSet(false));
        Workflow.setCurrentDetails("Gate `" + name + "` closed: **" + state + "**"
                + (approvedBy.isEmpty() ? "" : ", approved by " + String.join(", ", approvedBy)) + ".");
        log.info("gate {} closed {}", name, state);
        return state();
    }

    /** Handles an {@code approve} or {@code reject} signal: counts it, or audits why not. */
    public void signal(Decision decision, Verdict verdict) {
        apply(decision.withVerdict(verdict));
    }

    /** The {@code decide} update's validator: throws with the reason when the decision would not count. */
    public void validate(Decision decision) {
        var refusal = DecisionRules.refusal(state(), decision);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
    }

    /** The {@code decide} update's handler: counts the (validated) decision and returns the new state. */
    public ApprovalState decide(Decision decision) {
        apply(decision);
        return state();
    }

    /** The gate's state now, with every decision received. */
    public ApprovalState state() {
        if (state == GateState.NOT_OPENED) {
            return ApprovalState.notOpened(decisions);
        }
        return new ApprovalState(name, state, policy.approvers(), policy.needed(), policy.allowSelfApproval(), requester,
                openedAt.toString(), deadline.toString(), context, List.copyOf(approvedBy), decisions);
    }

    private void apply(Decision decision) {
        var refusal = DecisionRules.refusal(state(), decision);
        decisions.add(new AuditedDecision(decision.actor(), decision.verdict(), decision.comment(), now().toString(),
                refusal.isEmpty(), refusal.orElse(""), decision.gate()));
        if (refusal.isPresent()) {
            log.info("gate {}: ignored {} from '{}': {}", name, decision.verdict(), decision.actor(), refusal.get());
            return;
        }
        if (decision.verdict() == Verdict.REJECT) {
            state = GateState.REJECTED;
            return;
        }
        approvedBy.add(decision.actor());
        if (approvedBy.size() >= policy.needed()) {
            state = GateState.APPROVED;
        } else {
            Workflow.setCurrentDetails(openDetails());
        }
    }

    private void sendReminder(int number) {
        var reminder = new ApprovalActivities.Reminder(Workflow.getInfo().getWorkflowId(), name, number,
                policy.approvers(), requester, deadline.toString(), context);
        Async.function(activities::remind, reminder).exceptionally(failure -> {
            log.warn("reminder {} for gate {} could not be sent: {}", number, name, failure.getMessage());
            return null;
        });
    }

    private String openDetails() {
        int missing = policy.needed() - approvedBy.size();
        return "**Awaiting approval** at gate `" + name + "`: " + missing + " more approval"
                + (missing == 1 ? "" : "s") + " from " + String.join(", ", policy.approvers())
                + (approvedBy.isEmpty() ? "" : " (approved so far: " + String.join(", ", approvedBy) + ")")
                + ". Requested by " + (requester.isEmpty() ? "unknown" : requester) + "; expires " + deadline + ".\n\n"
                + "`sluice approve " + Workflow.getInfo().getWorkflowId() + " --as <you>` or `sluice reject "
                + Workflow.getInfo().getWorkflowId() + " --as <you> --comment <why>`";
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
