package io.sluice.starter.bootstrap;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.client.config.ConfigFiles;
import io.sluice.sandbox.ConfigFixtures;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.starter.CliRun;
import io.sluice.workers.ActivitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalAwsExtension.class)
class BootstrapCommandTest {
    /**
     * What bootstrap applies to the local stack's estate: the shared services stack, an execution
     * role in dev, dev2, test and prod, a worker role in each of the seven accounts; the bucket
     * policies of the producer, dev and dev2 buckets.
     */
    private static final int STACKS_AND_BUCKET_POLICIES = 1 + 4 + 7 + 3;

    @Test
    void bootstrap_againstTheLocalStack_succeedsTwiceAndChangesNothing(LocalAws localAws, @TempDir Path directory) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, ConfigFixtures.localConfig(localAws, "127.0.0.1:1", localAws.awsEndpoint().toString()));
        String shared = localAws.account("shared").artifactBucket();
        String[] args = {"bootstrap", "--config", config.toString(), "--worker-principal", localAws.workerPrincipal(),
            "--shared-bucket", shared, "--dev-account", LocalAws.SECOND_DEV_ACCOUNT};

        CliRun first = CliRun.of(args);
        CliRun second = CliRun.of(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines().filter(line -> line.endsWith("unchanged"))).as(first.out())
                .hasSize(STACKS_AND_BUCKET_POLICIES);
        assertThat(first.out()).containsPattern("shared: +\\{id: \"100000000004\", roleArn: \"arn:aws:iam::100000000004:role/SluiceWorker\"}")
                .containsPattern("dev2: +\\{id: \"100000000007\", roleArn: \"arn:aws:iam::100000000007:role/SluiceWorker\"}")
                .contains("artifactPrefix: s3://" + shared + "/models");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out().lines().filter(line -> line.endsWith("unchanged"))).as(second.out())
                .hasSize(STACKS_AND_BUCKET_POLICIES);
        try (var clients = AwsClients.create(ActivitySettings.aws(ConfigFiles.read(config)))) {
            for (var account : localAws.accounts()) {
                var stacks = clients.client(account.alias(), AwsServices.CLOUDFORMATION).listStacks(list -> { }).stackSummaries().stream()
                        .filter(summary -> !summary.stackStatusAsString().equals("DELETE_COMPLETE")).toList();
                assertThat(stacks).as(account.alias()).extracting(StackSummary::stackName)
                        .doesNotHaveDuplicates().contains("sluice-account-role");
                assertThat(stacks).as(account.alias()).extracting(StackSummary::stackStatusAsString)
                        .allMatch(status -> status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE"));
            }
        }
    }
}
