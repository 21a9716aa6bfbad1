package io.sluice.starter.local;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.sandbox.LocalAccount;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.workers.ActivitySettings;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * {@code sluice demo}: brings the local stack up, checks that each part answers as the workflows
 * will need it, prints what it found and shuts everything down. Exit 0 only if every check held.
 */
@Command(name = "demo", description = {
        "Run the whole lifecycle on the local stack: build, promote, deploy, each gate approved as",
        "the approver its config names (or by you, with --interactive); then stop everything it started.",
        "Exit 0 only if every step held; otherwise 1, naming what did not."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--interactive", description = "Stop at each gate and wait for a person's `sluice approve` or `sluice reject`.")
    boolean interactive;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where logs and registry data go (default: a new temporary directory).")
    Path stateDirectory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = stateDirectory != null ? stateDirectory : Files.createTempDirectory("sluice-demo-");
        out.println("starting the local stack (state in " + directory + ")");
        out.flush();
        List<String> failures = new ArrayList<>();
        DemoScenario scenario;
        try (LocalStack stack = LocalStack.start(directory, LocalTemporal.DEFAULT_PORT, true)) {
            LocalStackReport.print(stack, out);
            checkTemporal(stack, out, failures);
            checkAccounts(stack, out, failures);
            checkRegistries(stack, out, failures);
            scenario = new DemoScenario(stack, out, interactive
                    ? DemoScenario.interactive(out, stack.configFile()) : DemoScenario.automatic(out, stack));
            if (failures.isEmpty()) {
                scenario.run();
            }
        }
        out.println("local stack stopped");
        failures.addAll(scenario.failures);
        printSummary(scenario, out);
        if (!failures.isEmpty()) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "demo failed: " + String.join("; ", failures));
        }
        out.println("demo: every step held");
        return ExitCodes.OK;
    }

    private static void printSummary(DemoScenario scenario, PrintWriter out) {
        out.println();
        out.println("Summary");
        scenario.summary.forEach((key, value) -> out.printf("  %-26s %s%n", key, value));
        scenario.approvals.forEach(approval -> out.printf("  %-26s %s%n", "approval", approval));
        out.flush();
    }

    private static void checkTemporal(LocalStack stack, PrintWriter out, List<String> failures) {
        try (var session = TemporalSession.open(stack.config())) {
            out.println("ok   temporal answers at " + stack.temporal().target() + ", namespace "
                    + session.client().getOptions().getNamespace());
        } catch (RuntimeException e) {
            report(out, failures, "temporal at " + stack.temporal().target() + ": " + e.getMessage());
        }
    }

    private static void checkAccounts(LocalStack stack, PrintWriter out, List<String> failures) {
        try (var clients = AwsClients.create(ActivitySettings.aws(stack.config()))) {
            for (LocalAccount account : stack.aws().accounts()) {
                try {
                    List<String> buckets = clients.client(account.alias(), AwsServices.S3).listBuckets().buckets().stream()
                            .map(Bucket::name).toList();
                    if (!account.hasArtifactBucket()) {
                        out.println("ok   account " + account.alias() + " reached through role " + account.workerRoleArn());
                    } else if (buckets.contains(account.artifactBucket())) {
                        out.println("ok   account " + account.alias() + " reached through role " + account.workerRoleArn()
                                + "; sees s3://" + account.artifactBucket());
                    } else {
                        report(out, failures, "account " + account.alias() + " does not see its bucket "
                                + account.artifactBucket() + " (sees " + buckets + ")");
                    }
                } catch (RuntimeException e) {
                    report(out, failures, "account " + account.alias() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void checkRegistries(LocalStack stack, PrintWriter out, List<String> failures) throws InterruptedException {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        for (var entry : stack.aws().registryHostsByAccountId().entrySet()) {
            URI base = URI.create("http://" + entry.getValue() + "/v2/");
            try {
                int status = http.send(HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    out.println("ok   registry of account " + entry.getKey() + " answers at " + base);
                } else {
                    report(out, failures, "registry " + base + " answered " + status);
                }
            } catch (java.io.IOException e) {
                report(out, failures, "registry " + base + ": " + e.getMessage());
            }
        }
    }

    private static void report(PrintWriter out, List<String> failures, String failure) {
        out.println("FAIL " + failure);
        failures.add(failure);
    }
}
