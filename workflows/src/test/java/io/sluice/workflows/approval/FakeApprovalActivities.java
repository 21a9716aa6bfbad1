package io.sluice.workflows.approval;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** Policies from a map; reminders recorded with the (test) time they were sent. */
public final class FakeApprovalActivities implements ApprovalActivities {
    private final Map<String, GatePolicy> policies;
    private final LongSupplier clock;
    public final List<SentReminder> reminders = new CopyOnWriteArrayList<>();

    public FakeApprovalActivities(Map<String, GatePolicy> policies, LongSupplier clock) {
        this.policies = new java.util.concurrent.ConcurrentHashMap<>(policies);
        this.clock = clock;
    }

    /** Replaces the policy of {@code gate}, for runs whose gate opens after this. */
    public void set(String gate, GatePolicy policy) {
        policies.put(gate, policy);
    }

    @Override
    public GatePolicy policy(PolicyRequest request) {
        GatePolicy policy = policies.get(request.gate());
        if (policy == null) {
            throw ApplicationFailure.newNonRetryableFailure("no gate " + request.gate(), "sluice.InvalidInput");
        }
        return policy;
    }

    @Override
    public ReminderSent remind(Reminder reminder) {
        reminders.add(new SentReminder(reminder, Instant.ofEpochMilli(clock.getAsLong())));
        return new ReminderSent(false);
    }

    public record SentReminder(Reminder reminder, Instant at) {}
}
