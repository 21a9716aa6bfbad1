package io.sluice.starter.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.workflows.deployment.DeploymentOutcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice history WORKFLOW_ID}: every run of an id, newest first, with its ending and who
 * approved it. For a deployment id ({@code deploy/<endpoint>}) it first says what serves in
 * production: the package of the latest DEPLOYED run, since when and approved by whom.
 */
@Command(name = "history", description = {"List every run of a workflow id, newest first: run id, start, end, outcome, who approved.",
        "For deploy/<endpoint> it first says which package serves in production, since when, approved by whom."})
public final class HistoryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "WORKFLOW_ID", description = "The workflow id, e.g. build/credit-risk/2026-11-22 or deploy/credit-risk.")
    String workflowId;

    @Option(names = "--json", description = "Print the history as JSON (a stable shape for scripts).")
    boolean json;

    /**
     * One run as {@code sluice history} lists it.
     *
     * @param outcome the workflow's result word (APPROVED, DEPLOYED, …), else Temporal's status (RUNNING, FAILED, CANCELED, …)
     * @param closedAt empty while the run is running
     * @param approvedBy verified ARNs, or {@code unverified:<name>} for declared names
     */
    public record Entry(String runId, String startedAt, String closedAt, String outcome, List<String> approvedBy) {}

    /**
     * What serves in production, as the latest DEPLOYED run of a {@code deploy/<endpoint>} id left it.
     *
     * @param since when that run ended
     * @param caution a later run that may have changed production without ending DEPLOYED (still
     *     running, failed or cancelled after its production step), or empty
     */
    public record InProduction(String modelPackageArn, String since, List<String> approvedBy, String runId, String caution) {}

    /** Endings after which production is as the run before left it. */
    private static final java.util.Set<String> PRODUCTION_UNTOUCHED = java.util.Set.of(DeploymentOutcome.REJECTED.name(),
            DeploymentOutcome.EXPIRED.name(), DeploymentOutcome.FAILED_TESTS.name(), DeploymentOutcome.ROLLED_BACK.name());

    /** What {@code --json} prints; {@code inProduction} is null for other ids, or when nothing was deployed. */
    public record History(String workflowId, List<Entry> runs, InProduction inProduction) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = TemporalSession.open(config.read())) {
            History history = history(new RunHistory(session.client()).runs(workflowId));
            if (json) {
                out.println(JSON.writeValueAsString(history));
            } else {
                print(history, out);
            }
        }
        return ExitCodes.OK;
    }

    History history(List<RunStatus> runs) {
        List<Entry> entries = runs.stream()
                .map(run -> new Entry(run.runId(), run.startedAt(), run.closedAt(),
                        run.outcome() != null ? run.outcome() : run.status(), run.approvedBy()))
                .toList();
        InProduction live = workflowId.startsWith("deploy/") ? inProduction(runs).orElse(null) : null;
        return new History(workflowId, entries, live);
    }

    /**
     * The latest run that ended DEPLOYED: a later REJECTED, EXPIRED, FAILED_TESTS or ROLLED_BACK run
     * leaves it serving. A later run that is running, failed or was cancelled may have reached
     * production, and is named as a caution.
     */
    static Optional<InProduction> inProduction(List<RunStatus> newestFirst) {
        for (int i = 0; i < newestFirst.size(); i++) {
            RunStatus run = newestFirst.get(i);
            if (DeploymentOutcome.DEPLOYED.name().equals(run.outcome())) {
                String caution = newestFirst.subList(0, i).stream()
                        .filter(later -> later.outcome() == null || !PRODUCTION_UNTOUCHED.contains(later.outcome()))
                        .map(later -> "run " + later.runId() + " (" + (later.outcome() != null ? later.outcome() : later.status())
                                + ") came later and may have changed production; see `sluice status " + later.workflowId()
                                + " --run-id " + later.runId() + "`")
                        .findFirst().orElse("");
                return Optional.of(new InProduction(run.result().path("modelPackageArn").asText(), run.closedAt(),
                        run.approvedBy(), run.runId(), caution));
            }
        }
        return Optional.empty();
    }

    private static void print(History history, PrintWriter out) {
        if (history.workflowId().startsWith("deploy/")) {
            InProduction live = history.inProduction();
            out.println(live == null
                    ? "in production: nothing a Sluice run of " + history.workflowId() + " deployed"
                    : "in production: " + live.modelPackageArn() + " since " + live.since() + ", approved by "
                            + approvers(live.approvedBy()) + " (run " + live.runId() + ")"
                            + (live.caution().isEmpty() ? "" : "\ncaution: " + live.caution()));
        }
        out.println(history.workflowId() + ": " + history.runs().size() + (history.runs().size() == 1 ? " run" : " runs")
                + ", newest first");
        String format = "%-36s  %-20s  %-20s  %-13s  %s%n";
        out.printf(format, "RUN ID", "STARTED", "ENDED", "OUTCOME", "APPROVED BY");
        for (Entry entry : history.runs()) {
            out.printf(format, entry.runId(), entry.startedAt(), entry.closedAt().isEmpty() ? "-" : entry.closedAt(),
                    entry.outcome(), approvers(entry.approvedBy()));
        }
    }

    private static String approvers(List<String> approvedBy) {
        return approvedBy.isEmpty() ? "-" : String.join(", ", approvedBy);
    }
}
