package io.sluice.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice demo} interrupted mid-run (Ctrl-C) leaves no server behind. */
class DemoInterruptTest {

    @Test
    void demoInterruptedAtItsFirstStep_leavesNoProcessBehind(@TempDir Path directory) throws Exception {
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SluiceMain.class.getName(), "demo", "--state-dir", directory.toString())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> servers;
        try (var reader = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.startsWith("==>  BuildModel"));
            assertThat(line).as("the demo reached its first step").isNotNull();
            servers = demo.descendants().toList();
            assertThat(servers).isNotEmpty();

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        for (ProcessHandle server : servers) {
            server.onExit().get(10, TimeUnit.SECONDS);
            assertThat(server.isAlive()).as("server %s still running", server.pid()).isFalse();
        }
    }
}
