package io.sluice.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void demo_bringsTheLocalStackUpChecksEveryPartAndExitsZero(@TempDir Path directory) {
        CliRun run = CliRun.of("demo", "--state-dir", directory.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("ok   temporal answers")
                .contains("ok   account shared reached through role arn:aws:iam::100000000004:role/SluiceWorker")
                .contains("ok   registry of account 100000000004 answers")
                .contains("local stack stopped")
                .doesNotContain("FAIL");
    }
}
