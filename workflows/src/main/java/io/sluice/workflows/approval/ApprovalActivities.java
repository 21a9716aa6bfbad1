package io.sluice.workflows.approval;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What approval gates need from outside the workflow: the policy from config, and reminders. */
@ActivityInterface(namePrefix = "Approval")
public interface ApprovalActivities {

    /**
     * The configured policy of a gate. Read from the worker's config, never from the run's input,
     * so that whoever starts a run cannot choose its approvers.
     *
     * @throws io.temporal.failure.ApplicationFailure {@code sluice.InvalidInput}, not retried, if
     *     the config has no such gate
     */
    @ActivityMethod
    GatePolicy policy(PolicyRequest request);

    /**
     * Reminds the approvers of an open gate: a log line, and a POST to the configured webhook if
     * there is one. Retried on webhook failures; repeating it sends the reminder again.
     */
    @ActivityMethod
    ReminderSent remind(Reminder reminder);

    /** @param gate the gate's name, one of {@link Gates#ALL} */
    record PolicyRequest(String gate) {
        public PolicyRequest {
            Objects.requireNonNull(gate, "gate is null");
        }
    }

    /**
     * @param workflowId the run whose gate is open
     * @param gate the gate
     * @param number 1 for the first reminder of this gate, then 2, …
     * @param approvers who may decide
     * @param requester who requested the run
     * @param deadline when the gate expires (ISO-8601)
     * @param context what the approvers need to decide
     */
    record Reminder(String workflowId, String gate, int number, List<String> approvers, String requester,
            String deadline, Map<String, String> context) {
        public Reminder {
            Objects.requireNonNull(workflowId, "workflowId is null");
            Objects.requireNonNull(gate, "gate is null");
            approvers = List.copyOf(approvers);
            Objects.requireNonNull(requester, "requester is null");
            Objects.requireNonNull(deadline, "deadline is null");
            context = Map.copyOf(context);
        }
    }

    /** @param webhookCalled whether a webhook received the reminder (false: logged only) */
    record ReminderSent(boolean webhookCalled) {}
}
