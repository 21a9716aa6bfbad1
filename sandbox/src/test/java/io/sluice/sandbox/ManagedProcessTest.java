package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @Test
    void close_stopsTheProcessAndTheChildrenItStarted(@TempDir Path directory) throws Exception {
        var process = ManagedProcess.start("shell with a child", List.of("bash", "-c", "sleep 300 & wait"),
                directory.resolve("shell.log"), () -> true, Duration.ofSeconds(5));
        long parent = process.pid();
        List<Long> children = awaitChildren(parent);

        process.close();

        assertThat(ProcessHandle.of(parent).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(children).allSatisfy(child -> assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty());
    }

    @Test
    void start_failsWithTheLogWhenTheProcessExitsBeforeAnswering(@TempDir Path directory) {
        assertThatThrownBy(() -> ManagedProcess.start("failing server", List.of("bash", "-c", "echo port taken; exit 3"),
                        directory.resolve("failing.log"), () -> false, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failing server exited with 3")
                .hasMessageContaining("port taken");
    }

    private static List<Long> awaitChildren(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Long> children = ProcessHandle.of(pid).orElseThrow().children().map(ProcessHandle::pid).toList();
            if (!children.isEmpty()) {
                return children;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell started no child");
    }
}
