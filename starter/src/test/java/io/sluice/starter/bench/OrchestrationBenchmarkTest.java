package io.sluice.starter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.starter.CliRun;
import org.junit.jupiter.api.Test;

/** The benchmark runs and prints its figures; what the figures are is for people to read, not for a test to judge. */
class OrchestrationBenchmarkTest {

    @Test
    void orchestration_withSmallCounts_printsEachFigure() {
        CliRun run = CliRun.of("bench", "orchestration", "--activities", "5", "--per-run", "2", "--gates", "3", "--no-lifecycle");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("in process: \\d+\\.\\d\\d ms per activity \\(5 in a row, in runs of 2, after a warm-up\\), \\d+\\.\\d\\d ms CPU")
                .containsPattern("over loopback: \\d+\\.\\d\\d ms per activity, \\d+\\.\\d\\d ms CPU")
                .containsPattern("3 gates open \\(3 opened\\): worker heap [+-]");
    }
}
