package io.sluice.workflows.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildOutcome;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflow;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeploymentOutcome;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromotionOutcome;
import org.junit.jupiter.api.Test;

class SluiceWorkflowTypeTest {
    @Test
    void eachWorkflowType_isFoundByItsTemporalType_andOnlyTheDataProductHasNoGate() {
        assertThat(SluiceWorkflowType.of(BuildModelWorkflow.TYPE)).contains(SluiceWorkflowType.BUILD_MODEL);
        assertThat(SluiceWorkflowType.of(PromoteModelWorkflow.TYPE)).contains(SluiceWorkflowType.PROMOTE_MODEL);
        assertThat(SluiceWorkflowType.of(DeployModelWorkflow.TYPE)).contains(SluiceWorkflowType.DEPLOY_MODEL);
        assertThat(SluiceWorkflowType.of(RegisterDataProductWorkflow.TYPE)).contains(SluiceWorkflowType.REGISTER_DATA_PRODUCT);
        assertThat(SluiceWorkflowType.of("SomeoneElsesWorkflow")).isEmpty();
        assertThat(SluiceWorkflowType.values()).filteredOn(type -> !type.gated())
                .containsExactly(SluiceWorkflowType.REGISTER_DATA_PRODUCT);
    }

    @Test
    void successIsTheOutcomeEachWorkflowWasAskedFor() {
        assertThat(SluiceWorkflowType.BUILD_MODEL.succeeded(BuildOutcome.APPROVED.name())).isTrue();
        assertThat(SluiceWorkflowType.BUILD_MODEL.succeeded(BuildOutcome.REJECTED_BY_EVALUATION.name())).isFalse();
        assertThat(SluiceWorkflowType.BUILD_MODEL.succeeded(PromotionOutcome.PROMOTED.name())).isFalse();
        assertThat(SluiceWorkflowType.DEPLOY_MODEL.succeeded(DeploymentOutcome.DEPLOYED.name())).isTrue();
        assertThat(SluiceWorkflowType.DEPLOY_MODEL.succeeded(DeploymentOutcome.FAILED_TESTS.name())).isFalse();
    }

    @Test
    void onlyAPromotionThatWasRejectedOrExpired_mayBeStartedAgain() {
        assertThat(SluiceWorkflowType.PROMOTE_MODEL.startableAgainAfter(PromotionOutcome.REJECTED.name())).isTrue();
        assertThat(SluiceWorkflowType.PROMOTE_MODEL.startableAgainAfter(PromotionOutcome.EXPIRED.name())).isTrue();
        assertThat(SluiceWorkflowType.PROMOTE_MODEL.startableAgainAfter(PromotionOutcome.PROMOTED.name())).isFalse();
        assertThat(SluiceWorkflowType.BUILD_MODEL.startableAgainAfter(BuildOutcome.REJECTED.name())).isFalse();
    }

    @Test
    void aStartWithAnotherWorkflowsRequest_isRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SluiceWorkflowType.DEPLOY_MODEL.start(null, null, "not a request"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DeployModel takes a DeployRequest, not String");
    }

    @Test
    void everyOutcomeName_isFoundOnItsOwnWorkflowOnly() {
        assertThat(SluiceWorkflowType.DEPLOY_MODEL.outcome("ROLLED_BACK")).contains(DeploymentOutcome.ROLLED_BACK);
        assertThat(SluiceWorkflowType.BUILD_MODEL.outcome("ROLLED_BACK")).isEmpty();
        for (SluiceWorkflowType type : SluiceWorkflowType.values()) {
            assertThat(type.resultClass().getSimpleName()).endsWith("Result");
        }
    }
}
