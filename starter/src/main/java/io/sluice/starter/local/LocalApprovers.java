package io.sluice.starter.local;

import io.sluice.workers.config.ApprovalsConfig;
import io.sluice.workers.config.GateConfig;
import io.sluice.workflows.approval.Gates;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The people of the local stack's approval gates, one per gate, as its config names them. */
public final class LocalApprovers {
    public static final String LEAD_DATA_SCIENTIST = "lead-ds@example.com";
    public static final String ML_ENGINEER = "ml-engineer@example.com";
    public static final String GOVERNANCE_OFFICER = "governance-officer@example.com";
    /** Who starts runs on the local stack. */
    public static final String DATA_SCIENTIST = "data-scientist@example.com";

    private LocalApprovers() {}

    static ApprovalsConfig approvals() {
        return new ApprovalsConfig(Map.of(
                Gates.MODEL_APPROVAL, gate(LEAD_DATA_SCIENTIST),
                Gates.PROMOTION_APPROVAL, gate(ML_ENGINEER),
                Gates.PRODUCTION_APPROVAL, gate(GOVERNANCE_OFFICER)), "", "declared");
    }

    private static GateConfig gate(String approver) {
        return new GateConfig(List.of(approver), 1, false, Duration.ofDays(1), Duration.ofHours(1));
    }
}
