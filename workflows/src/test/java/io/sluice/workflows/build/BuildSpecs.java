package io.sluice.workflows.build;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A valid build spec for tests, and variations of it. */
public final class BuildSpecs {
    private BuildSpecs() {}

    public static BuildSpec creditRisk(PreStepSpec preStep) {
        return creditRisk(preStep, false);
    }

    static BuildSpec creditRisk(PreStepSpec preStep, boolean promoteOnApproval) {
        return creditRisk(preStep, promoteOnApproval, Map.of("credit_risk.csv", "s3://sluice-dev-100000000003/data/credit_risk.csv"));
    }

    static BuildSpec creditRisk(PreStepSpec preStep, boolean promoteOnApproval, Map<String, String> inputs) {
        return new BuildSpec("dev", "credit-risk", "Credit risk classifier", "s3://sluice-dev-100000000003/flows/credit-risk.flow",
                inputs,
                new ProcessingSpec(null, null, null, null, null, "s3://sluice-dev-100000000003/build", null, List.of("split.test")),
                new TrainingSpec(null, Map.of("num_round", "50"), null, null, null, Duration.ofMinutes(30),
                        Map.of("train", "split.train", "validation", "split.validation")),
                new EvaluationSpec("validation:auc", EvaluationSpec.Comparison.GreaterThanOrEqualTo, 0.75),
                "arn:aws:iam::100000000003:role/SluiceSageMakerExecution", Map.of("team", "risk"), preStep,
                new BuildSpec.Jobs(JobMode.local), promoteOnApproval,
                new io.sluice.workflows.promotion.PromotionSpec(null, null, null, "s3://sluice-shared-100000000004/models", null, null,
                        null, null));
    }
}
