package io.sluice.starter.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCommandTest {
    private static final String OFFICER = "arn:aws:sts::100000000006:assumed-role/AWSReservedSSO_GovernanceOfficer_1/officer";

    @Test
    void inProduction_isTheLatestDeployedRun_whatEverRolledBackOrWasRejectedSince() {
        List<RunStatus> newestFirst = List.of(
                deployment("run-4", "ROLLED_BACK", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/4"),
                deployment("run-3", "REJECTED", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/3"),
                deployment("run-2", "DEPLOYED", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2"),
                deployment("run-1", "DEPLOYED", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1"));

        var live = HistoryCommand.inProduction(newestFirst).orElseThrow();

        assertThat(live.modelPackageArn()).isEqualTo("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2");
        assertThat(live.runId()).isEqualTo("run-2");
        assertThat(live.since()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(live.approvedBy()).containsExactly(OFFICER);
        assertThat(live.caution()).isEmpty();
    }

    @Test
    void inProduction_namesALaterRunThatFailedAsACaution_sinceItMayHaveReachedProduction() {
        RunStatus failed = new RunStatus("deploy/credit-risk", "run-5", "DeployModel", "FAILED", null, null, false, null,
                "stack sluice-credit-risk-prod had no earlier release to roll back to", List.of(), null, null, null,
                "2026-12-05T08:00:00Z", "2026-12-05T09:00:00Z");

        var live = HistoryCommand.inProduction(List.of(failed,
                deployment("run-2", "DEPLOYED", "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2"))).orElseThrow();

        assertThat(live.runId()).isEqualTo("run-2");
        assertThat(live.caution()).startsWith("run run-5 (FAILED) came later and may have changed production")
                .endsWith("`sluice status deploy/credit-risk --run-id run-5`");
    }

    @Test
    void inProduction_isEmptyWhenNoRunDeployed() {
        assertThat(HistoryCommand.inProduction(List.of(deployment("run-1", "FAILED_TESTS", "arn:x")))).isEmpty();
    }

    private static RunStatus deployment(String runId, String outcome, String packageArn) {
        int day = Integer.parseInt(runId.substring(4));
        var approval = new GateOutcome.Decided(Verdict.APPROVE, OFFICER, "2026-12-0" + day + "T09:00:00Z", "");
        var gate = new GateOutcome("production-approval", outcome.equals("REJECTED") ? GateState.REJECTED : GateState.APPROVED,
                "unverified:ds", outcome.equals("REJECTED") ? List.of() : List.of(approval), 0);
        var result = new ObjectMapper().createObjectNode().put("outcome", outcome).put("modelPackageArn", packageArn);
        return new RunStatus("deploy/credit-risk", runId, "DeployModel", "COMPLETED", outcome, null, false, result, null,
                List.of(), null, gate, null, "2026-12-0" + day + "T08:00:00Z", "2026-12-0" + day + "T10:00:00Z");
    }
}
