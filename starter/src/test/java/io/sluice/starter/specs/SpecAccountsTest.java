package io.sluice.starter.specs;

import io.sluice.sandbox.ConfigFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.FreePort;
import io.sluice.starter.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec naming an account the config lacks is refused before any run starts, naming the field. */
class SpecAccountsTest {
    private static final String CONFIG = "region: us-east-1\n" + ConfigFixtures.ACCOUNTS + ConfigFixtures.DECLARED_GATES;
    private static final String BUILD = """
            account: %s
            modelPackageGroup: credit-risk
            flow: s3://sluice-dev-100000000003/flows/credit-risk.flow
            inputs:
              credit_risk.csv: glue://credit_applications/applications%s
            processing: {outputPrefix: s3://sluice-dev-100000000003/build}
            training:
              hyperparameters: {objective: "binary:logistic", num_round: "10"}
              channels: {train: split.train, validation: split.validation}
            evaluation: {metric: "validation:auc", comparison: GreaterThanOrEqualTo, threshold: 0.7}
            executionRoleArn: arn:aws:iam::100000000003:role/SluiceSageMakerExecution
            jobs: {mode: local}
            """;

    @Test
    void modelBuild_inAnAccountTheConfigLacks_isBadInputNamingTheFieldAndTheAccounts(@TempDir Path directory) throws Exception {
        CliRun run = build(directory, "devv", "");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("build.yaml: account 'devv' is not an account of the config; expected one of "
                + "[governance, producer, dev, shared, test, prod]");
    }

    @Test
    void modelBuild_readingAnInputFromAnAccountTheConfigLacks_isBadInputNamingTheInput(@TempDir Path directory) throws Exception {
        CliRun run = build(directory, "dev", "?account=prodcuer");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("build.yaml: inputs.credit_risk.csv (?account=) 'prodcuer' is not an account of the config");
    }

    @Test
    void modelBuild_withKnownAccounts_getsPastTheCheckToTemporal(@TempDir Path directory) throws Exception {
        CliRun run = build(directory, "dev", "?account=producer");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).contains("cannot reach Temporal");
    }

    @Test
    void modelPromote_whoseSourceAccountIsNotThePackagesAccount_isBadInputNamingBoth(@TempDir Path directory) throws Exception {
        CliRun wrongAlias = promote(directory, "sourceAccount: dev\n", "100000000002");
        CliRun unknownAccount = promote(directory, "", "100000000099");
        CliRun fromTheArn = promote(directory, "", "100000000003");

        assertThat(wrongAlias.exitCode()).as(wrongAlias.err()).isEqualTo(2);
        assertThat(wrongAlias.err()).contains("promote.yaml: sourceAccount 'dev' is account 100000000003, but model package "
                + "arn:aws:sagemaker:us-east-1:100000000002:model-package/credit-risk/1 is in account 100000000002; expected "
                + "producer, or leave sourceAccount out");
        assertThat(unknownAccount.exitCode()).isEqualTo(2);
        assertThat(unknownAccount.err()).contains("is in account 100000000099, which the config does not name");
        assertThat(fromTheArn.exitCode()).as(fromTheArn.err()).isEqualTo(4);
        assertThat(fromTheArn.err()).contains("cannot reach Temporal");
    }

    @Test
    void modelBuild_whosePromotionReadsAnotherAccount_isBadInput(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, CONFIG + "temporal: {target: \"127.0.0.1:" + FreePort.any() + "\"}\n");
        Path spec = directory.resolve("build.yaml");
        Files.writeString(spec, BUILD.formatted("dev", "") + "promoteOnApproval: true\npromotion: {sourceAccount: producer, "
                + "artifactPrefix: \"s3://sluice-shared-100000000004/models\"}\n");

        CliRun run = CliRun.of("model", "build", "--spec", spec.toString(), "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("build.yaml: promotion.sourceAccount 'producer' is not the build's account 'dev'");
    }

    private static CliRun promote(Path directory, String sourceAccount, String packageAccount) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, CONFIG + "temporal: {target: \"127.0.0.1:" + FreePort.any() + "\"}\n");
        Path spec = directory.resolve("promote.yaml");
        Files.writeString(spec, sourceAccount + "artifactPrefix: s3://sluice-shared-100000000004/models\n");
        return CliRun.of("model", "promote", "--model-package", "arn:aws:sagemaker:us-east-1:" + packageAccount
                + ":model-package/credit-risk/1", "--spec", spec.toString(), "--config", config.toString(), "--as", "ds@example.com");
    }

    private static CliRun build(Path directory, String account, String inputQuery) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, CONFIG + "temporal: {target: \"127.0.0.1:" + FreePort.any() + "\"}\n");
        Path spec = directory.resolve("build.yaml");
        Files.writeString(spec, BUILD.formatted(account, inputQuery));
        return CliRun.of("model", "build", "--spec", spec.toString(), "--config", config.toString());
    }
}
