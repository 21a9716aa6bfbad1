package io.sluice.workflows.approval;

import io.sluice.workflows.Validated;
import io.sluice.workflows.identity.IdentityMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who may open a gate and how long it waits, as the worker's config says for one gate.
 *
 * @param approvers who may decide: IAM principal ARN patterns when proven, names when declared
 * @param needed how many different approvers must approve (quorum), at least 1
 * @param allowSelfApproval whether the person who requested the run may approve it
 * @param deadline how long the gate stays open before it expires
 * @param reminderEvery how often to remind the approvers while it is open; zero for never
 * @param identity whether a decision needs a proof of identity; histories recorded before the
 *     field existed carry none and keep the declared names they were decided by
 * @param continueAfterEvents how long the run's history may grow while the gate is open before the
 *     run continues as new, carrying the gate; zero for {@link #CONTINUE_AFTER_EVENTS}
 */
public record GatePolicy(
        List<String> approvers, int needed, boolean allowSelfApproval, Duration deadline, Duration reminderEvery,
        IdentityMode identity, int continueAfterEvents) implements Validated {
    /** The shortest reminder interval a config may set. */
    public static final Duration SHORTEST_REMINDER_INTERVAL = Duration.ofHours(1);
    /**
     * How many events a run's history holds at most, by default, before its open gate continues as
     * new: well below the server's own warnings (10,240 events), so replays stay quick.
     */
    public static final int CONTINUE_AFTER_EVENTS = 2000;

    public GatePolicy {
        identity = identity == null ? IdentityMode.DECLARED : identity;
        continueAfterEvents = continueAfterEvents <= 0 ? CONTINUE_AFTER_EVENTS : continueAfterEvents;
        approvers = List.copyOf(Objects.requireNonNull(approvers, "approvers is null"));
        Objects.requireNonNull(deadline, "deadline is null");
        Objects.requireNonNull(reminderEvery, "reminderEvery is null");
    }

    /**
     * Checks the policy's values, where the worker reads its config. An activity result crosses
     * Temporal and is read again on replay, so its constructor checks nothing but nulls.
     */
    @Override
    public void validate() {
        if (approvers.isEmpty() || approvers.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("approvers is empty; expected the people allowed to decide, e.g. [lead-ds@example.com]");
        }
        if (needed < 1 || identity == IdentityMode.DECLARED && needed > approvers.size()) {
            throw new IllegalArgumentException("needed is " + needed + "; expected at least 1"
                    + (identity == IdentityMode.DECLARED ? " and at most the number of approvers (" + approvers.size() + ")" : ""));
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline is " + deadline + "; expected a positive duration such as P7D");
        }
        if (reminderEvery.isNegative() || reminderEvery.compareTo(deadline) >= 0 && !reminderEvery.isZero()) {
            throw new IllegalArgumentException("reminderEvery is " + reminderEvery
                    + "; expected zero (no reminders) or a duration shorter than the deadline " + deadline);
        }
        if (!reminderEvery.isZero() && reminderEvery.compareTo(SHORTEST_REMINDER_INTERVAL) < 0) {
            throw new IllegalArgumentException("reminderEvery is " + reminderEvery + "; expected zero (no reminders) or at least "
                    + SHORTEST_REMINDER_INTERVAL + ", so a gate open for weeks stays a short history");
        }
    }

    /** A policy that continues as new after {@link #CONTINUE_AFTER_EVENTS} events. */
    public GatePolicy(List<String> approvers, int needed, boolean allowSelfApproval, Duration deadline, Duration reminderEvery,
            IdentityMode identity) {
        this(approvers, needed, allowSelfApproval, deadline, reminderEvery, identity, CONTINUE_AFTER_EVENTS);
    }

    /** A policy whose approvers are declared names, as every policy was before proofs of identity. */
    public GatePolicy(List<String> approvers, int needed, boolean allowSelfApproval, Duration deadline, Duration reminderEvery) {
        this(approvers, needed, allowSelfApproval, deadline, reminderEvery, IdentityMode.DECLARED);
    }
}
