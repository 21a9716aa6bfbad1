package io.sluice.workflows.runs;

import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildOutcome;
import io.sluice.workflows.dataproduct.DataProductOutcome;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflow;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeploymentOutcome;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromotionOutcome;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The four Sluice workflows, with what clients need to know of each: its Temporal type, whether
 * it has an approval gate, the outcomes that mean it did what it was asked,
 * and the outcomes after which the same id may be started again.
 */
public enum SluiceWorkflowType {
    REGISTER_DATA_PRODUCT(RegisterDataProductWorkflow.TYPE, false,
            names(DataProductOutcome.REGISTERED), Set.of()),
    BUILD_MODEL(BuildModelWorkflow.TYPE, true, names(BuildOutcome.APPROVED), Set.of()),
    PROMOTE_MODEL(PromoteModelWorkflow.TYPE, true, names(PromotionOutcome.PROMOTED),
            names(PromotionOutcome.REJECTED, PromotionOutcome.EXPIRED)),
    DEPLOY_MODEL(DeployModelWorkflow.TYPE, true, names(DeploymentOutcome.DEPLOYED), Set.of());

    private final String type;
    private final boolean gated;
    private final Set<String> successes;
    private final Set<String> startableAgainAfter;

    SluiceWorkflowType(String type, boolean gated, Set<String> successes,
            Set<String> startableAgainAfter) {
        this.type = type;
        this.gated = gated;
        this.successes = successes;
        this.startableAgainAfter = startableAgainAfter;
    }

    /** The Sluice workflow of Temporal type {@code type}; empty for any other workflow. */
    public static Optional<SluiceWorkflowType> of(String type) {
        return Arrays.stream(values()).filter(workflow -> workflow.type.equals(type)).findFirst();
    }

    public String type() {
        return type;
    }

    /** Whether its runs wait at an approval gate, so a client may ask them for it. */
    public boolean gated() {
        return gated;
    }

    /** Whether a run that ended with {@code outcome} did what it was asked. */
    public boolean succeeded(String outcome) {
        return successes.contains(outcome);
    }

    /** Whether a run that ended with {@code outcome} may be asked for again under the same workflow id. */
    public boolean startableAgainAfter(String outcome) {
        return startableAgainAfter.contains(outcome);
    }

    private static Set<String> names(Enum<?>... outcomes) {
        return Stream.of(outcomes).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
