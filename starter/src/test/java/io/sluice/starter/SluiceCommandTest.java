package io.sluice.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {
    static final String ACCOUNTS = """
            accounts:
              governance: {id: "100000000001", roleArn: "arn:aws:iam::100000000001:role/SluiceWorker"}
              producer:   {id: "100000000002", roleArn: "arn:aws:iam::100000000002:role/SluiceWorker"}
              dev:        {id: "100000000003", roleArn: "arn:aws:iam::100000000003:role/SluiceWorker"}
              shared:     {id: "100000000004", roleArn: "arn:aws:iam::100000000004:role/SluiceWorker"}
              test:       {id: "100000000005", roleArn: "arn:aws:iam::100000000005:role/SluiceWorker"}
              prod:       {id: "100000000006", roleArn: "arn:aws:iam::100000000006:role/SluiceWorker"}
            approvals:
              gates:
                model-approval: {approvers: [lead-ds@example.com]}
                promotion-approval: {approvers: [ml-engineer@example.com], deadline: P3D}
                production-approval: {approvers: [governance-officer@example.com, cto@example.com], needed: 2}
            """;

    @Test
    void help_listsEveryCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("dev ", "demo ", "worker ", "status ");
    }

    @Test
    void unknownOption_isBadInput() {
        CliRun run = CliRun.of("status", "--jsn", "build/x/1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--jsn'");
    }

    @Test
    void status_withAnInvalidConfig_isBadInputNamingTheKey(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, "region: us-east-1\n" + ACCOUNTS.replace("roleArn: \"arn:aws:iam::100000000004", "role: \"arn:aws:iam::100000000004"));

        CliRun run = CliRun.of("status", "build/x/1", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key 'accounts.shared.role'; expected one of: id, roleArn");
    }

    @Test
    void status_whenTemporalDoesNotAnswer_exitsFourNamingTheTarget(@TempDir Path directory) throws Exception {
        String target = "127.0.0.1:" + FreePort.any();
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, "region: us-east-1\n" + ACCOUNTS + "temporal: {target: \"" + target + "\"}\n");

        CliRun run = CliRun.of("status", "build/x/1", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: cannot reach Temporal at " + target);
    }
}
