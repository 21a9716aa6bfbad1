package io.sluice.starter;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.promotion.images.ImageReference;
import io.sluice.activities.promotion.images.RegistryClient;
import io.sluice.activities.promotion.images.RegistryCredentials;
import io.sluice.sandbox.FreePort;
import io.sluice.starter.local.LocalStack;
import io.sluice.starter.local.PromotedCopies;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.workers.ActivitySettings;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.build.BuildResult;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's first promise, as a platform engineer tests it: a worker process killed with
 * SIGKILL (its whole process group) at any point of a build and of its promotion loses nothing;
 * the next worker finishes both runs, and AWS holds everything exactly once.
 */
class WorkerKillTest {
    /** Long enough for a killed worker's activity to time out (two minutes) and be run again. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void killedWorkers_buildAndPromotionFinishWithDecisionsKeptAndEveryResourceOnce(@TempDir Path directory) throws Exception {
        try (var stack = LocalStack.start(directory.resolve("state"), FreePort.any(), false);
                var worker = new WorkerProcess(stack.configFile(), directory.resolve("worker.log"));
                var session = TemporalSession.open(stack.config())) {
            String config = stack.configFile().toString();
            var reader = new RunStatusReader(session.client());
            worker.start();

            CliRun register = CliRun.of("data-product", "register", "--spec",
                    stack.buildSpec().resolveSibling("data-product.yaml").toString(), "--wait", "--config", config);
            assertThat(register.exitCode()).as(register.out() + register.err()).isZero();

            CliRun build = CliRun.of("model", "build", "--spec", stack.buildSpec().toString(), "--run-key", "kill-test",
                    "--as", "data-scientist@example.com", "--config", config);
            assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
            String buildId = "build/credit-risk/kill-test";

            awaitStage(reader, buildId, Set.of("processing", "training"));
            worker.killAndRestart();
            awaitStage(reader, buildId, Set.of("evaluation", "registration", "model-approval"));
            worker.killAndRestart();
            RunStatus buildGate = awaitGate(reader, buildId);
            worker.killAndRestart();
            CliRun approveBuild = CliRun.of("approve", buildId, "--profile", "lead-data-scientist", "--comment", "after kills",
                    "--config", config);
            assertThat(approveBuild.exitCode()).as(approveBuild.out() + approveBuild.err()).isZero();
            BuildResult built = session.client().newUntypedWorkflowStub(buildId).getResult(
                    STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS, BuildResult.class);

            assertThat(buildGate.awaitingApproval()).isTrue();
            assertThat(built.outcome().name()).isEqualTo("APPROVED");
            assertAcceptedOnce(built.gate(), "lead-ds@example.com");

            CliRun promote = CliRun.of("model", "promote", "--model-package", built.modelPackageArn(), "--spec",
                    stack.buildSpec().resolveSibling("promote.yaml").toString(), "--as", "data-scientist@example.com",
                    "--config", config);
            assertThat(promote.exitCode()).as(promote.out() + promote.err()).isZero();
            String promoteId = promote.out().lines().findFirst().orElseThrow();

            awaitStage(reader, promoteId, Set.of("copy-artifacts"));
            worker.killAndRestart();
            awaitGate(reader, promoteId);
            worker.killAndRestart();
            CliRun approvePromotion = CliRun.of("approve", promoteId, "--profile", "ml-engineer", "--config", config);
            assertThat(approvePromotion.exitCode()).as(approvePromotion.out() + approvePromotion.err()).isZero();
            PromoteResult promoted = session.client().newUntypedWorkflowStub(promoteId).getResult(
                    STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PromoteResult.class);

            assertThat(worker.kills()).isEqualTo(5);
            assertThat(promoted.outcome()).isEqualTo(PromotionOutcome.PROMOTED);
            assertAcceptedOnce(promoted.gate(), "ml-engineer@example.com");
            try (var clients = AwsClients.create(ActivitySettings.aws(stack.config()))) {
                assertOnePackage(clients, "dev", built.modelPackageArn());
                assertOnePackage(clients, "shared", promoted.centralPackageArn());
                assertArtifactsOnceAndEqual(stack, clients, promoted);
            }
            for (var image : promoted.images()) {
                var source = ImageReference.parse(image.sourceImage());
                var target = ImageReference.parse(image.targetImage());
                assertThat(tags(stack, "shared", target.repository())).containsExactly(target.reference());
                assertThat(manifestDigest(stack, "shared", target)).isEqualTo(manifestDigest(stack, "dev", source));
            }
        }
    }

    private static void assertAcceptedOnce(GateOutcome gate, String approver) {
        // A verified approver is recorded by the ARN of the role session named after them.
        assertThat(gate.decided()).singleElement()
                .satisfies(decision -> assertThat(decision.by()).matches("(unverified:|arn:aws:sts::\\d{12}:assumed-role/[^/]+/)"
                        + java.util.regex.Pattern.quote(approver)));
    }

    private static void assertOnePackage(AwsClients clients, String account, String packageArn) {
        String group = packageArn.replaceAll(".*:model-package/([^/]+)/\\d+$", "$1");
        var packages = clients.client(account, AwsServices.SAGEMAKER)
                .listModelPackages(list -> list.modelPackageGroupName(group)).modelPackageSummaryList();
        assertThat(packages).as("model packages of %s in %s", group, account).singleElement()
                .satisfies(summary -> assertThat(summary.modelPackageArn()).isEqualTo(packageArn));
    }

    private static void assertArtifactsOnceAndEqual(LocalStack stack, AwsClients clients, PromoteResult promoted) throws Exception {
        var artifacts = PromotedCopies.objects(stack.aws(), "shared", promoted);
        assertThat(promoted.copies()).as("the promotion's copy manifest").isNotNull();
        String bucket = S3Uri.parse(artifacts.get(0).targetUri()).bucket();
        var s3 = clients.client("shared", AwsServices.S3);
        List<String> keys = s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream()
                .map(object -> object.key()).toList();
        Set<String> copied = artifacts.stream()
                .map(copy -> S3Uri.parse(copy.targetUri()).key()).collect(Collectors.toCollection(java.util.HashSet::new));
        copied.add(S3Uri.parse(promoted.copies().manifestUri()).key());
        assertThat(keys).as("objects in %s", bucket).containsExactlyInAnyOrderElementsOf(copied);
        assertThat(s3.listMultipartUploads(list -> list.bucket(bucket)).uploads()).as("unfinished multipart uploads").isEmpty();
        for (var copy : artifacts) {
            assertThat(sha256(stack, "shared", copy.targetUri())).as(copy.targetUri()).isEqualTo(sha256(stack, "dev", copy.sourceUri()));
        }
    }

    private static String sha256(LocalStack stack, String account, String uri) throws Exception {
        var location = S3Uri.parse(uri);
        try (var s3 = stack.aws().s3(account)) {
            byte[] bytes = s3.getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key())).asByteArray();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
    }

    private static List<String> tags(LocalStack stack, String account, String repository) throws Exception {
        var uri = stack.aws().registry(account).endpoint().resolve("/v2/" + repository + "/tags/list");
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var tags = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("tags");
        return java.util.stream.StreamSupport.stream(tags.spliterator(), false).map(tag -> tag.asText()).toList();
    }

    private static String manifestDigest(LocalStack stack, String account, ImageReference image) {
        var client = new RegistryClient(stack.aws().registry(account).endpoint(), RegistryCredentials.none(),
                RegistryClient.newHttpClient());
        return client.getManifest(image.repository(), image.reference()).digest();
    }

    private static void awaitStage(RunStatusReader reader, String workflowId, Set<String> stages) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        RunStatus status = null;
        while (System.nanoTime() < deadline) {
            status = reader.read(workflowId);
            if (status.stage() != null && stages.contains(status.stage())) {
                return;
            }
            assertThat(status.status()).as("%s while waiting for %s", workflowId, stages).isEqualTo("RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError(workflowId + " did not reach " + stages + " within " + STEP_TIMEOUT + "; last " + status);
    }

    private static RunStatus awaitGate(RunStatusReader reader, String workflowId) {
        RunStatus status = new RunWaiter(reader).awaitGateOrClose(workflowId, STEP_TIMEOUT, stage -> {});
        assertThat(status.awaitingApproval()).as("%s at its gate: %s", workflowId, status).isTrue();
        return status;
    }

    /** {@code sluice worker} in a process group of its own, so a kill reaches every process in it. */
    private static final class WorkerProcess implements AutoCloseable {
        private final Path configFile;
        private final Path log;
        private Process process;
        private int kills;

        WorkerProcess(Path configFile, Path log) {
            this.configFile = configFile;
            this.log = log;
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder("setsid", java, "-cp", System.getProperty("java.class.path"),
                    SluiceMain.class.getName(), "worker", "--config", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        }

        /** SIGKILL to the worker's whole process group, then a new worker. */
        void killAndRestart() throws Exception {
            assertThat(process.isAlive()).as("worker before kill %d; log %s", kills + 1, log).isTrue();
            int exit = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
            assertThat(exit).as("kill -KILL -%d", process.pid()).isZero();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            start();
        }

        int kills() {
            return kills;
        }

        @Override
        public void close() throws Exception {
            if (process != null && process.isAlive()) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
