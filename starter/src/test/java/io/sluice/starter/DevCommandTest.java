package io.sluice.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.client.config.ConfigFiles;
import io.sluice.sandbox.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice dev} as a person runs it: a separate process, stopped with Ctrl-C (SIGINT). */
class DevCommandTest {

    @Test
    void dev_printsReadyRunsABuildToItsGateAndCtrlCLeavesNothingRunning(@TempDir Path directory) throws Exception {
        Path stateDirectory = directory.resolve("state");
        Process dev = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                SluiceMain.class.getName(), "dev", "--state-dir", stateDirectory.toString(),
                "--temporal-port", Integer.toString(FreePort.any()))
                .redirectErrorStream(true)
                .start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(dev, lines));
            reader.setDaemon(true);
            reader.start();

            String ready = awaitLineStartingWith(lines, "ready", 90);
            assertThat(ready).contains(stateDirectory.resolve("local.yaml").toString());
            List<ProcessHandle> servers = dev.descendants().toList();
            assertThat(servers).extracting(handle -> handle.info().command().orElse(""))
                    .anySatisfy(command -> assertThat(command).contains("python"))
                    .anySatisfy(command -> assertThat(command).endsWith("docker-registry"));

            String config = stateDirectory.resolve("local.yaml").toString();
            assertThat(ConfigFiles.read(stateDirectory.resolve("local.yaml")).local().registries())
                    .as("the registries of dev, dev2 and shared, by account id")
                    .containsOnlyKeys("100000000003", "100000000007", "100000000004");
            CliRun status = CliRun.of("status", "build/absent/1", "--config", config);
            assertThat(status.exitCode()).isEqualTo(4);
            assertThat(status.err()).contains("build/absent/1");

            CliRun register = CliRun.of("data-product", "register", "--spec", stateDirectory.resolve("data-product.yaml").toString(),
                    "--wait", "--config", config);
            assertThat(register.exitCode()).as(register.out() + register.err()).isEqualTo(0);
            CliRun build = CliRun.of("model", "build", "--spec", stateDirectory.resolve("build.yaml").toString(), "--wait",
                    "--run-key", "dev-test", "--config", config);
            assertThat(build.exitCode()).as(build.out() + build.err()).isEqualTo(0);
            assertThat(build.out()).startsWith("build/credit-risk/dev-test\n")
                    .contains("waiting at gate model-approval for 1 approval(s) from "
                            + "[arn:aws:sts::*:assumed-role/AWSReservedSSO_LeadDataScientist_*/*]")
                    .contains("approve: sluice approve build/credit-risk/dev-test [--profile <your AWS profile>]");
            CliRun outsider = CliRun.of("approve", "build/credit-risk/dev-test", "--profile", "outsider", "--config", config);
            assertThat(outsider.exitCode()).isEqualTo(3);
            assertThat(outsider.err()).contains("/outsider@example.com is not an approver of gate 'model-approval'");
            CliRun approve = CliRun.of("approve", "build/credit-risk/dev-test", "--profile", "lead-data-scientist", "--config", config);
            assertThat(approve.exitCode()).as(approve.err()).isEqualTo(0);
            assertThat(approve.out()).contains("recorded approval by lead-ds@example.com (verified: arn:aws:sts::100000000003:"
                    + "assumed-role/AWSReservedSSO_LeadDataScientist_").contains("gate APPROVED");
            CliRun approved = CliRun.of("status", "build/credit-risk/dev-test", "--config", config);
            assertThat(approved.out()).contains("requester  data-scientist@example.com (verified: arn:aws:sts::100000000003:"
                    + "assumed-role/AWSReservedSSO_DataScientist_");

            new ProcessBuilder("kill", "-INT", Long.toString(dev.pid())).start().waitFor();

            assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle server : servers) {
                server.onExit().get(10, TimeUnit.SECONDS);
                assertThat(server.isAlive()).as("server %s still running", server.pid()).isFalse();
            }
        } finally {
            dev.descendants().forEach(ProcessHandle::destroyForcibly);
            dev.destroyForcibly();
        }
    }

    @Test
    void dev_refusesASecondStackOnItsDirectory_anInterruptedWaitLeavesTheRunGoing_andSigtermStopsEverything(@TempDir Path directory) throws Exception {
        Path stateDirectory = directory.resolve("state");
        Process dev = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                SluiceMain.class.getName(), "dev", "--no-worker", "--state-dir", stateDirectory.toString(),
                "--temporal-port", Integer.toString(FreePort.any()))
                .redirectErrorStream(true)
                .start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(dev, lines));
            reader.setDaemon(true);
            reader.start();
            awaitLineStartingWith(lines, "ready", 90);
            List<ProcessHandle> servers = dev.descendants().toList();
            assertThat(servers).isNotEmpty();

            CliRun second = CliRun.of("dev", "--state-dir", stateDirectory.toString(), "--temporal-port",
                    Integer.toString(FreePort.any()));

            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.err()).contains("state directory " + stateDirectory + " is in use by another local stack (pid "
                    + dev.pid() + ")");

            Process register = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    SluiceMain.class.getName(), "data-product", "register", "--spec",
                    stateDirectory.resolve("data-product.yaml").toString(), "--wait",
                    "--config", stateDirectory.resolve("local.yaml").toString())
                    .redirectErrorStream(true)
                    .start();
            BlockingQueue<String> registerLines = new LinkedBlockingQueue<>();
            Thread registerReader = new Thread(() -> readLines(register, registerLines));
            registerReader.setDaemon(true);
            registerReader.start();
            String workflowId = awaitLineStartingWith(registerLines, "data-product/", 60).split(" ")[0];
            new ProcessBuilder("kill", "-INT", Long.toString(register.pid())).start().waitFor();
            assertThat(register.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitLineStartingWith(registerLines, "interrupted", 10))
                    .isEqualTo("interrupted: only the waiting stopped; the run continues. Follow it with `sluice status "
                            + workflowId + "`");

            new ProcessBuilder("kill", "-TERM", Long.toString(dev.pid())).start().waitFor();

            assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle server : servers) {
                server.onExit().get(10, TimeUnit.SECONDS);
                assertThat(server.isAlive()).as("server %s still running", server.pid()).isFalse();
            }
        } finally {
            dev.descendants().forEach(ProcessHandle::destroyForcibly);
            dev.destroyForcibly();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (java.io.IOException e) {
            lines.add("(output closed: " + e.getMessage() + ")");
        }
    }

    private static String awaitLineStartingWith(BlockingQueue<String> lines, String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within " + seconds + " s; output:\n" + seen);
    }
}
