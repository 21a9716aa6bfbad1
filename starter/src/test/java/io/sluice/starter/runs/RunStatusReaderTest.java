package io.sluice.starter.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.Verdict;
import org.junit.jupiter.api.Test;

/** How {@code sluice status} reads a closed run's gate from its result, in today's shape and in the one before. */
class RunStatusReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICER = "arn:aws:sts::100000000001:assumed-role/GovernanceOfficer/officer@example.com";

    @Test
    void aResultsGate_isReadAsItsOutcome() throws Exception {
        var result = JSON.readTree("""
                {"outcome": "DEPLOYED", "gate": {"name": "production-approval", "state": "APPROVED",
                 "requester": "unverified:ds@example.com",
                 "decided": [{"verdict": "APPROVE", "by": "%s", "at": "2026-12-07T09:00:00Z", "comment": "ok"}],
                 "refused": 2}}
                """.formatted(OFFICER));

        GateOutcome gate = RunStatusReader.gateIn(result);

        assertThat(gate.state()).isEqualTo(GateState.APPROVED);
        assertThat(gate.approvedBy()).containsExactly(OFFICER);
        assertThat(gate.decided()).singleElement().satisfies(decided -> assertThat(decided.verdict()).isEqualTo(Verdict.APPROVE));
        assertThat(gate.refused()).isEqualTo(2);
    }

    @Test
    void aResultRecordedBeforeGateOutcomes_isReadFromItsWholeApproval() throws Exception {
        var result = JSON.readTree("""
                {"outcome": "APPROVED", "approval": {"name": "model-approval", "state": "APPROVED", "approvers": ["lead"],
                 "needed": 1, "allowSelfApproval": false, "requester": "ds", "openedAt": "", "deadline": "", "context": {},
                 "approvedBy": ["lead"], "decisions": [
                   {"actor": "mallory", "decision": "APPROVE", "comment": "", "at": "t1", "accepted": false,
                    "reason": "not an approver", "gate": ""},
                   {"actor": "lead", "decision": "APPROVE", "comment": "good", "at": "t2", "accepted": true, "reason": "",
                    "gate": "", "verified": true, "principal": "%s", "account": "100000000001", "verifiedAt": "t2"}],
                 "identity": "PROVEN", "requesterPrincipal": ""}}
                """.formatted(OFFICER));

        GateOutcome gate = RunStatusReader.gateIn(result);

        assertThat(gate.requester()).isEqualTo("unverified:ds");
        assertThat(gate.approvedBy()).containsExactly(OFFICER);
        assertThat(gate.refused()).isEqualTo(1);
    }

    @Test
    void aResultWithoutAGate_hasNoOutcome() throws Exception {
        assertThat(RunStatusReader.gateIn(JSON.readTree("{\"outcome\": \"REGISTERED\"}"))).isNull();
        assertThat(RunStatusReader.gateIn(null)).isNull();
    }
}
