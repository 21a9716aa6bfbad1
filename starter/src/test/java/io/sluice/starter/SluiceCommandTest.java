package io.sluice.starter;

import io.sluice.sandbox.ConfigFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {
    static final String ACCOUNTS = ConfigFixtures.ACCOUNTS + ConfigFixtures.DECLARED_GATES_WITH_QUORUM;

    @Test
    void help_listsEveryCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("dev ", "demo ", "worker ", "status ");
    }

    @Test
    void help_ofEveryCommand_printsItsUsageAndExitsZero() {
        List<String> commands = new ArrayList<>();
        collect(SluiceMain.commandLine(), commands);

        assertThat(commands).contains("sluice dev", "sluice model build", "sluice aws check");
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(command + " --help: " + run.err()).isZero();
            assertThat(run.out()).as(command + " --help").startsWith("Usage: " + command);
        }
    }

    @Test
    void readmesCliReference_describesEveryCommandWithAnExample() throws Exception {
        List<String> commands = new ArrayList<>();
        collectLeaves(SluiceMain.commandLine(), commands);
        String readme = Files.readString(Path.of(System.getProperty("sluice.root", "..")).resolve("README.md"));
        String reference = readme.substring(readme.indexOf("## CLI reference"), readme.indexOf("\n## ", readme.indexOf("## CLI reference") + 1));
        List<String> rows = reference.lines().filter(line -> line.startsWith("| `sluice ")).toList();

        assertThat(commands).hasSizeGreaterThan(20);
        for (String command : commands) {
            assertThat(rows).as("a row of the README's CLI reference for " + command)
                    .anySatisfy(row -> {
                        assertThat(row).startsWith("| `" + command + " ").matches(".*\\| [^|]*\\| [^|]*" + java.util.regex.Pattern.quote(
                                command.replaceFirst("^sluice", "./sluice")) + "[^|]*\\|\\s*$");
                    });
        }
    }

    private static void collectLeaves(picocli.CommandLine command, List<String> names) {
        var subcommands = command.getSubcommands().values().stream().distinct().toList();
        if (subcommands.isEmpty()) {
            names.add(command.getCommandSpec().qualifiedName());
        }
        subcommands.stream().filter(sub -> !sub.getCommandSpec().usageMessage().hidden()).forEach(sub -> collectLeaves(sub, names));
    }

    private static void collect(picocli.CommandLine command, List<String> names) {
        names.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, names));
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
    void worker_whenTemporalDoesNotAnswer_exitsFourWithOneLineNamingTheTarget(@TempDir Path directory) throws Exception {
        String target = "127.0.0.1:" + FreePort.any();
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, "region: us-east-1\n" + ACCOUNTS + "temporal: {target: \"" + target + "\"}\n");

        CliRun run = CliRun.of("worker", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().strip()).startsWith("error: cannot reach Temporal at " + target).doesNotContain("\n");
    }

    @Test
    void modelBuild_withAMissingSpec_isBadInputSayingNoSuchFile(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, "region: us-east-1\n" + ACCOUNTS + "temporal: {target: \"127.0.0.1:" + FreePort.any() + "\"}\n");
        Path spec = directory.resolve("build.yaml");

        CliRun run = CliRun.of("model", "build", "--spec", spec.toString(), "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(spec + ": no such file");
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
