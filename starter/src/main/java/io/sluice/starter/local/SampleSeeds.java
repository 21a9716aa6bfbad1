package io.sluice.starter.local;

import io.sluice.sandbox.LocalAccount;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Puts the sample data and flow into the local stack's dev account and writes specs that use them,
 * so every workflow can be run by hand on the local stack.
 */
final class SampleSeeds {
    static final String BUILD_SPEC = "build.yaml";
    static final String DATA_KEY = "data/credit-risk/credit_risk.csv";
    static final String FLOW_KEY = "flows/credit-risk.flow";

    private SampleSeeds() {}

    /** Seeds the dev account and writes the specs into {@code stateDirectory}; returns the build spec's path. */
    static Path seed(LocalAws aws, Path stateDirectory) {
        LocalAccount dev = aws.account("dev");
        String dataUri = "s3://" + dev.artifactBucket() + "/" + DATA_KEY;
        try (var s3 = aws.s3("dev")) {
            s3.putObject(put -> put.bucket(dev.artifactBucket()).key(DATA_KEY).contentType("text/csv"),
                    RequestBody.fromString(Samples.creditRiskCsv()));
            s3.putObject(put -> put.bucket(dev.artifactBucket()).key(FLOW_KEY).contentType("application/json"),
                    RequestBody.fromString(Samples.creditRiskFlow(dataUri)));
        }
        Path buildSpec = stateDirectory.resolve(BUILD_SPEC);
        try {
            Files.createDirectories(stateDirectory);
            Files.writeString(buildSpec, buildSpec(dev, dataUri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + buildSpec, e);
        }
        return buildSpec;
    }

    static String buildSpec(LocalAccount dev, String dataUri) {
        String split = Samples.SPLIT_NODE;
        return """
                # BuildModel on the local stack: the sample Data Wrangler flow prepares the synthetic
                # credit-risk data, XGBoost trains on the worker (jobs.mode: local).
                account: dev
                modelPackageGroup: credit-risk
                description: Probability that a credit applicant defaults
                flow: s3://%1$s/%2$s
                inputs:
                  %3$s: %4$s
                processing:
                  outputPrefix: s3://%1$s/build
                  outputs: [%5$s.test]              # kept for DeployModel's integration tests
                training:
                  hyperparameters: {objective: "binary:logistic", num_round: "80", max_depth: "3", eta: "0.2"}
                  channels:
                    train: %5$s.train
                    validation: %5$s.validation
                evaluation: {metric: "validation:auc", comparison: GreaterThanOrEqualTo, threshold: 0.7}
                executionRoleArn: %6$s
                tags: {team: credit-risk}
                jobs: {mode: local}
                promoteOnApproval: false
                """.formatted(dev.artifactBucket(), FLOW_KEY, Samples.DATASET, dataUri, split, dev.executionRoleArn());
    }
}
