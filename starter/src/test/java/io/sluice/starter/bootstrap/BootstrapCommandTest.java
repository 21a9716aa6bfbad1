package io.sluice.starter.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.starter.CliRun;
import io.sluice.workers.config.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalAwsExtension.class)
class BootstrapCommandTest {

    @Test
    void bootstrap_createsEveryStackOnceAndASecondRunChangesNothing(LocalAws localAws, @TempDir Path directory) throws Exception {
        StringBuilder accounts = new StringBuilder("accounts:\n");
        localAws.accounts().forEach(account -> accounts.append("  ").append(account.alias()).append(": {id: \"").append(account.id())
                .append("\", roleArn: \"arn:aws:iam::").append(account.id()).append(":role/SluiceBootstrapWorker\"}\n"));
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, "region: us-east-1\n" + accounts + """
                temporal: {target: "127.0.0.1:1"}
                approvals:
                  gates:
                    model-approval: {approvers: [lead-ds@example.com]}
                    promotion-approval: {approvers: [ml-engineer@example.com]}
                    production-approval: {approvers: [governance-officer@example.com]}
                local: {awsEndpoint: "%s"}
                """.formatted(localAws.awsEndpoint()));
        String[] args = {"bootstrap", "--config", config.toString(), "--worker-principal", "arn:aws:iam::100000000009:role/SluiceWorkerHost",
            "--execution-role-name", "SluiceBootstrapExecution", "--shared-bucket", "sluice-bootstrap-shared"};

        CliRun first = CliRun.of(args);
        CliRun second = CliRun.of(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines().filter(line -> line.contains("CREATE_COMPLETE"))).hasSize(10);
        assertThat(first.out()).containsPattern("shared: +\\{id: \"100000000004\", roleArn: \"arn:aws:iam::100000000004:role/SluiceBootstrapWorker\"}")
                .contains("artifactPrefix: s3://sluice-bootstrap-shared/models");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out().lines().filter(line -> line.endsWith("unchanged"))).hasSize(10);
        try (var clients = AwsClients.create(ConfigFiles.read(config).awsSettings())) {
            for (var account : localAws.accounts()) {
                var names = clients.client(account.alias(), AwsServices.CLOUDFORMATION).listStacks(list -> { }).stackSummaries().stream()
                        .filter(summary -> !summary.stackStatusAsString().startsWith("DELETE")).map(summary -> summary.stackName()).toList();
                assertThat(names).as(account.alias()).doesNotHaveDuplicates().contains("sluice-account-role");
            }
        }
    }
}
