package io.sluice.starter.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Waits for a run to stop at an approval gate or to close, reporting each new stage. */
public final class RunWaiter {
    private final RunStatusReader reader;

    public RunWaiter(RunStatusReader reader) {
        this.reader = reader;
    }

    /**
     * Polls {@code workflowId} until its gate is open or it closes, or {@code timeout} passes; calls
     * {@code onStage} with each new stage it sees and {@code onProgress} with each new activity report.
     */
    public RunStatus awaitGateOrClose(String workflowId, Duration timeout, Consumer<RunStatus> onStage) {
        return awaitGateOrClose(workflowId, timeout, onStage, line -> { });
    }

    public RunStatus awaitGateOrClose(String workflowId, Duration timeout, Consumer<RunStatus> onStage, Consumer<String> onProgress) {
        Instant deadline = Instant.now().plus(timeout);
        String lastStage = "";
        java.util.Set<String> reported = new java.util.HashSet<>();
        while (true) {
            RunStatus status = reader.read(workflowId);
            String stage = status.stage() == null ? "" : status.stage();
            if (!stage.equals(lastStage)) {
                onStage.accept(status);
                lastStage = stage;
            }
            status.activities().stream().filter(reported::add).forEach(onProgress);
            if (status.awaitingApproval() || !status.status().equals("RUNNING") || Instant.now().isAfter(deadline)) {
                return status;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }
}
