package io.sluice.workers.config;

import io.sluice.workflows.approval.GatePolicy;
import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code approvals.gates}.
 *
 * @param approvers who may decide (required)
 * @param needed how many different approvers must approve (default 1)
 * @param allowSelfApproval whether the run's requester may approve it (default false)
 * @param deadline how long the gate waits before it expires (default P7D)
 * @param reminderEvery how often approvers are reminded while it is open (default P1D; PT0S for never)
 */
public record GateConfig(List<String> approvers, Integer needed, Boolean allowSelfApproval, Duration deadline,
        Duration reminderEvery) {

    GatePolicy toPolicy() {
        return new GatePolicy(approvers == null ? List.of() : approvers, needed == null ? 1 : needed,
                allowSelfApproval != null && allowSelfApproval, deadline == null ? Duration.ofDays(7) : deadline,
                reminderEvery == null ? Duration.ofDays(1) : reminderEvery);
    }
}
