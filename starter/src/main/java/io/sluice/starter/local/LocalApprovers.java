package io.sluice.starter.local;

import io.sluice.client.config.ApprovalsConfig;
import io.sluice.client.config.GateConfig;
import io.sluice.sandbox.LocalPersonas.Persona;
import io.sluice.sandbox.LocalPersonas;
import io.sluice.workflows.approval.Gates;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The approvers of the local stack's gates: each gate admits one permission set of the local
 * personas ({@link LocalPersonas}), and decisions need a proof of identity, as on a real estate.
 */
public final class LocalApprovers {
    public static final Persona LEAD_DATA_SCIENTIST = LocalPersonas.LEAD_DATA_SCIENTIST;
    public static final Persona ML_ENGINEER = LocalPersonas.ML_ENGINEER;
    public static final Persona GOVERNANCE_OFFICER = LocalPersonas.GOVERNANCE_OFFICER;
    /** Who starts runs on the local stack. */
    public static final Persona DATA_SCIENTIST = LocalPersonas.DATA_SCIENTIST;

    private LocalApprovers() {}

    static ApprovalsConfig approvals() {
        return new ApprovalsConfig(Map.of(
                Gates.MODEL_APPROVAL, gate(LEAD_DATA_SCIENTIST),
                Gates.PROMOTION_APPROVAL, gate(ML_ENGINEER),
                Gates.PRODUCTION_APPROVAL, gate(GOVERNANCE_OFFICER)), "", "proven");
    }

    private static GateConfig gate(Persona approver) {
        return new GateConfig(List.of(approver.approverPattern()), 1, false, Duration.ofDays(1), Duration.ofHours(1));
    }
}
