package io.sluice.workflows;

import io.sluice.workflows.approval.ContinuedRunResults;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Records a workflow history for a replay test: runs a scenario on a time-skipping test
 * environment with Sluice's search attributes, then writes the history of {@code workflowId} as
 * JSON. The recorders call it from their {@code main}; run one only when a change is meant to
 * change a workflow's history, and keep the old file as another replay case.
 */
public final class HistoryRecording {
    public static final String QUEUE = "recorder";

    private HistoryRecording() {}

    /**
     * @param register registers the workflow and its fake activities on the worker
     * @param scenario drives the run to completion with the environment's client (and clock)
     */
    public static void record(Path output, String workflowId, BiConsumer<Worker, TestWorkflowEnvironment> register,
            BiConsumer<WorkflowClient, TestWorkflowEnvironment> scenario) throws Exception {
        String history = play(register, scenario, environment -> List.of(
                environment.getWorkflowClient().fetchHistory(workflowId).toJson(true))).get(0);
        Files.writeString(output, history);
        recordWorkflowId(output, workflowId);
    }

    /**
     * As {@link #record}, for a scenario whose run continues as new: writes the history of every run
     * of {@code workflowId}, oldest first, to {@code <prefix>-run-<n>.json} in {@code folder}.
     *
     * @return the files written
     */
    public static List<Path> recordEveryRun(Path folder, String prefix, String workflowId,
            BiConsumer<Worker, TestWorkflowEnvironment> register, BiConsumer<WorkflowClient, TestWorkflowEnvironment> scenario)
            throws Exception {
        List<String> histories = play(register, scenario, environment -> ContinuedRunResults.runs(environment, workflowId).stream()
                .map(run -> environment.getWorkflowClient().fetchHistory(workflowId, run.getExecution().getRunId()).toJson(true))
                .toList());
        List<Path> written = new ArrayList<>();
        for (int index = 0; index < histories.size(); index++) {
            Path output = folder.resolve(prefix + "-run-" + (index + 1) + ".json");
            Files.writeString(output, histories.get(index));
            recordWorkflowId(output, workflowId);
            written.add(output);
        }
        return written;
    }

    /** Plays {@code scenario} on a fresh time-skipping environment and returns the histories {@code read} takes from it. */
    private static List<String> play(BiConsumer<Worker, TestWorkflowEnvironment> register,
            BiConsumer<WorkflowClient, TestWorkflowEnvironment> scenario, Function<TestWorkflowEnvironment, List<String>> read) {
        try (var environment = TestWorkflowEnvironment.newInstance()) {
            SluiceSearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
            register.accept(environment.newWorker(QUEUE), environment);
            environment.start();
            scenario.accept(environment.getWorkflowClient(), environment);
            return read.apply(environment);
        }
    }

    /** Notes in {@code workflow-ids.properties}, beside the history, the workflow id it ran under (its replay needs it). */
    private static void recordWorkflowId(Path history, String workflowId) throws IOException {
        Path index = history.toAbsolutePath().getParent().resolve("workflow-ids.properties");
        String entry = history.getFileName() + "=" + workflowId;
        List<String> lines = Files.exists(index) ? new ArrayList<>(Files.readAllLines(index)) : new ArrayList<>();
        List<String> comments = lines.stream().filter(line -> line.startsWith("#")).toList();
        SortedSet<String> entries = new TreeSet<>(lines.stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank() && !line.startsWith(history.getFileName() + "=")).toList());
        entries.add(entry);
        List<String> written = new ArrayList<>(comments);
        written.addAll(entries);
        Files.write(index, written);
    }
}
