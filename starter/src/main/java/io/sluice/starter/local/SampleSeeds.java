package io.sluice.starter.local;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.client.config.SluiceConfig;
import io.sluice.sandbox.LocalAccount;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.SampleImage;
import io.sluice.sandbox.Samples;
import io.sluice.starter.dataproduct.SampleDataProduct;
import io.sluice.workers.ActivitySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Puts the sample data into the local stack's producer account and the sample flow and image into
 * each development account, and writes specs that use them, so every workflow can be run by hand
 * on the local stack.
 */
final class SampleSeeds {
    static final String BUILD_SPEC = "build.yaml";
    static final String PROMOTE_SPEC = "promote.yaml";
    static final String DEPLOY_SPEC = "deploy.yaml";
    static final String DATA_PRODUCT_SPEC = "data-product.yaml";
    /** Where the producer keeps the credit-risk applications the data product registers. */
    static final String PRODUCT_KEY = "credit-risk/applications/credit_risk.csv";
    static final String FLOW_KEY = "flows/credit-risk.flow";
    /**
     * The seed of the sample image's layers in each development account: the same repository and
     * tag in both, different bytes, so their digests differ.
     */
    private static final Map<String, Long> IMAGE_SEEDS = Map.of("dev", Samples.SEED,
            LocalAws.SECOND_DEV_ACCOUNT, Samples.SEED + 1);

    private SampleSeeds() {}

    /** The build spec of development account {@code alias}: {@code build.yaml} for dev, else {@code build-<alias>.yaml}. */
    static String buildSpecFile(String alias) {
        return alias.equals("dev") ? BUILD_SPEC : "build-" + alias + ".yaml";
    }

    /** The spec promoting from development account {@code alias}: {@code promote.yaml} for dev, else {@code promote-<alias>.yaml}. */
    static String promoteSpecFile(String alias) {
        return alias.equals("dev") ? PROMOTE_SPEC : "promote-" + alias + ".yaml";
    }

    /**
     * Seeds the producer account with the credit-risk applications (the data product), each
     * development account with the flow and the team's inference image, and writes the specs into
     * {@code stateDirectory}; returns dev's build spec's path. The builds read the data product's files.
     */
    static Path seed(LocalAws aws, SluiceConfig config, Path stateDirectory) {
        LocalAccount producer = aws.account("producer");
        try (var s3 = aws.s3("producer")) {
            s3.putObject(put -> put.bucket(producer.artifactBucket()).key(PRODUCT_KEY).contentType("text/csv"),
                    RequestBody.fromString(Samples.creditRiskCsv()));
        }
        String dataUri = "s3://" + producer.artifactBucket() + "/" + PRODUCT_KEY;
        Path buildSpec = stateDirectory.resolve(BUILD_SPEC);
        try {
            Files.createDirectories(stateDirectory);
            for (String alias : List.of("dev", LocalAws.SECOND_DEV_ACCOUNT)) {
                String image = seedDevelopmentAccount(aws, config, aws.account(alias), dataUri);
                Files.writeString(stateDirectory.resolve(buildSpecFile(alias)), buildSpec(aws.account(alias), image));
                Files.writeString(stateDirectory.resolve(promoteSpecFile(alias)), promoteSpec(alias, aws.account("shared")));
            }
            Files.writeString(stateDirectory.resolve(DEPLOY_SPEC), deploySpec(aws));
            Files.writeString(stateDirectory.resolve(DATA_PRODUCT_SPEC), SampleDataProduct.sample(producer.artifactBucket()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the specs into " + stateDirectory, e);
        }
        return buildSpec;
    }

    /** The sample image's repository, the image pushed to it and the flow, in {@code account}; returns the image's URI. */
    private static String seedDevelopmentAccount(LocalAws aws, SluiceConfig config, LocalAccount account, String dataUri) {
        try (var clients = AwsClients.create(ActivitySettings.aws(config))) {
            clients.client(account.alias(), AwsServices.ECR)
                    .createRepository(create -> create.repositoryName(SampleImage.REPOSITORY));
        }
        SampleImage.push(aws.registry(account.alias()).host(), SampleImage.REPOSITORY, SampleImage.TAG,
                IMAGE_SEEDS.get(account.alias()), 3, 512 * 1024);
        try (var s3 = aws.s3(account.alias())) {
            s3.putObject(put -> put.bucket(account.artifactBucket()).key(FLOW_KEY).contentType("application/json"),
                    RequestBody.fromString(Samples.creditRiskFlow(dataUri)));
        }
        return account.id() + ".dkr.ecr." + config.region() + ".amazonaws.com/" + SampleImage.REPOSITORY + ":" + SampleImage.TAG;
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
                  # testSetUri: s3://...   (default: the package's own held-out test split, found through its
                  #                         lineage: the build records it, the promotion copies it to shared)
                  metric: auc                 # required: the tests fail if no test split can be found
                  threshold: 0.65
                  maxP95LatencyMs: 1000
                """.formatted(aws.account("test").executionRoleArn(), aws.account("prod").executionRoleArn());
    }

    static String promoteSpec(String source, LocalAccount shared) {
        return """
                # PromoteModel on the local stack: %1$s -> shared services, copies readable by test and prod.
                sourceAccount: %1$s
                targetAccount: shared
                artifactPrefix: s3://%2$s/models
                pullAccounts: [test, prod]
                deployOnApproval: false
                """.formatted(source, shared.artifactBucket());
    }

    static String buildSpec(LocalAccount account, String image) {
        String split = Samples.SPLIT_NODE;
        return """
                # BuildModel on the local stack: the sample Data Wrangler flow prepares the credit-risk
                # data product, XGBoost trains on the worker (jobs.mode: local). On AWS the table is read
                # through the build account's resource link (glue://credit_applications/applications);
                # the local stand-in keeps it in the producer's catalog, hence ?account=producer.
                account: %7$s
                modelPackageGroup: credit-risk
                description: Probability that a credit applicant defaults
                flow: s3://%1$s/%2$s
                inputs:                           # the registered data product's table (register it first)
                  %3$s: glue://credit_applications/applications?account=producer
                processing:
                  outputPrefix: s3://%1$s/build
                  outputs: [%4$s.test]              # kept for DeployModel's integration tests
                training:
                  image: %6$s   # the team's inference image, in %7$s's registry
                  hyperparameters: {objective: "binary:logistic", num_round: "80", max_depth: "3", eta: "0.2"}
                  channels:
                    train: %4$s.train
                    validation: %4$s.validation
                evaluation: {metric: "validation:auc", comparison: GreaterThanOrEqualTo, threshold: 0.7}
                executionRoleArn: %5$s
                tags: {team: credit-risk}
                jobs: {mode: local}
                promoteOnApproval: false
                """.formatted(account.artifactBucket(), FLOW_KEY, Samples.DATASET, split, account.executionRoleArn(), image,
                        account.alias());
    }
}
