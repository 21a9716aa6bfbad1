package io.sluice.starter.local;

import io.sluice.sandbox.LocalAccount;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.SampleImage;
import io.sluice.sandbox.Samples;
import io.sluice.starter.dataproduct.SampleDataProduct;
import io.sluice.workers.config.SluiceConfig;
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
    static final String PROMOTE_SPEC = "promote.yaml";
    static final String DEPLOY_SPEC = "deploy.yaml";
    static final String DATA_PRODUCT_SPEC = "data-product.yaml";
    /** Where the producer keeps the credit-risk applications the data product registers. */
    static final String PRODUCT_KEY = "credit-risk/applications/credit_risk.csv";
    static final String FLOW_KEY = "flows/credit-risk.flow";

    private SampleSeeds() {}

    /**
     * Seeds the producer account with the credit-risk applications (the data product), the dev
     * account with the flow and the team's inference image, and writes the specs into
     * {@code stateDirectory}; returns the build spec's path. The build reads the data product's files.
     */
    static Path seed(LocalAws aws, SluiceConfig config, Path stateDirectory) {
        LocalAccount dev = aws.account("dev");
        LocalAccount producer = aws.account("producer");
        try (var s3 = aws.s3("producer")) {
            s3.putObject(put -> put.bucket(producer.artifactBucket()).key(PRODUCT_KEY).contentType("text/csv"),
                    RequestBody.fromString(Samples.creditRiskCsv()));
        }
        try (var clients = AwsClients.create(config.awsSettings())) {
            clients.client("dev", AwsServices.ECR).createRepository(create -> create.repositoryName(SampleImage.REPOSITORY));
        }
        SampleImage.push(aws.registry("dev").host(), SampleImage.REPOSITORY, SampleImage.TAG, Samples.SEED, 3, 512 * 1024);
        String image = dev.id() + ".dkr.ecr." + config.region() + ".amazonaws.com/" + SampleImage.REPOSITORY + ":" + SampleImage.TAG;
        String dataUri = "s3://" + producer.artifactBucket() + "/" + PRODUCT_KEY;
        try (var s3 = aws.s3("dev")) {
            s3.putObject(put -> put.bucket(dev.artifactBucket()).key(FLOW_KEY).contentType("application/json"),
                    RequestBody.fromString(Samples.creditRiskFlow(dataUri)));
        }
        Path buildSpec = stateDirectory.resolve(BUILD_SPEC);
        try {
            Files.createDirectories(stateDirectory);
            Files.writeString(buildSpec, buildSpec(dev, image));
            Files.writeString(stateDirectory.resolve(PROMOTE_SPEC), promoteSpec(aws.account("shared")));
            Files.writeString(stateDirectory.resolve(DEPLOY_SPEC), deploySpec(aws));
            Files.writeString(stateDirectory.resolve(DATA_PRODUCT_SPEC), SampleDataProduct.sample(producer.artifactBucket()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + buildSpec, e);
        }
        return buildSpec;
    }

    /**
     * DeployModel on the local stack. The local endpoints serve nothing, so the integration tests
     * score the package's model on the worker ({@code mode: local}). Add {@code testSetUri} (a
     * build's test split output) to judge the model's AUC as well; the demo does.
     */
    static String deploySpec(LocalAws aws) {
        return """
                # DeployModel on the local stack: test endpoint, integration tests, governance approval, prod.
                endpointName: credit-risk
                sharedAccount: shared
                modelSource: image           # the local stand-in cannot share a package across accounts
                test:
                  account: test
                  executionRoleArn: %s
                  instanceType: ml.m5.large
                prod:
                  account: prod
                  executionRoleArn: %s
                  instanceType: ml.m5.xlarge
                  instanceCount: 2
                integrationTests:
                  mode: local                 # score the package's model.tar.gz on the worker
                  payloads:                   # feature rows as the flow outputs them (15 columns)
                    - "35,42000,12000,36,640,3,0,0,1,0,1,0,0,0,0"
                    - "52,88000,5000,12,760,20,1,0,0,0,0,1,0,0,0"
                  # testSetUri: s3://.../<processing-job>/<split-node>.test/part-00000.csv  (a build's test split)
                  dataAccount: dev
                  metric: auc
                  threshold: 0.65
                  maxP95LatencyMs: 1000
                """.formatted(aws.account("test").executionRoleArn(), aws.account("prod").executionRoleArn());
    }

    static String promoteSpec(LocalAccount shared) {
        return """
                # PromoteModel on the local stack: dev -> shared services, copies readable by test and prod.
                sourceAccount: dev
                targetAccount: shared
                artifactPrefix: s3://%s/models
                pullAccounts: [test, prod]
                deployOnApproval: false
                """.formatted(shared.artifactBucket());
    }

    static String buildSpec(LocalAccount dev, String image) {
        String split = Samples.SPLIT_NODE;
        return """
                # BuildModel on the local stack: the sample Data Wrangler flow prepares the credit-risk
                # data product, XGBoost trains on the worker (jobs.mode: local). On AWS the table is read
                # through the build account's resource link (glue://credit_applications/applications);
                # the local stand-in keeps it in the producer's catalog, hence ?account=producer.
                account: dev
                modelPackageGroup: credit-risk
                description: Probability that a credit applicant defaults
                flow: s3://%1$s/%2$s
                inputs:                           # the registered data product's table (register it first)
                  %3$s: glue://credit_applications/applications?account=producer
                processing:
                  outputPrefix: s3://%1$s/build
                  outputs: [%4$s.test]              # kept for DeployModel's integration tests
                training:
                  image: %6$s   # the team's inference image, in dev's registry
                  hyperparameters: {objective: "binary:logistic", num_round: "80", max_depth: "3", eta: "0.2"}
                  channels:
                    train: %4$s.train
                    validation: %4$s.validation
                evaluation: {metric: "validation:auc", comparison: GreaterThanOrEqualTo, threshold: 0.7}
                executionRoleArn: %5$s
                tags: {team: credit-risk}
                jobs: {mode: local}
                promoteOnApproval: false
                """.formatted(dev.artifactBucket(), FLOW_KEY, Samples.DATASET, split, dev.executionRoleArn(), image);
    }
}
