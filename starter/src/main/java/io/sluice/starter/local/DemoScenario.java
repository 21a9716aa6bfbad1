package io.sluice.starter.local;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.promotion.images.ImageReference;
import io.sluice.activities.promotion.images.RegistryClient;
import io.sluice.activities.promotion.images.RegistryCredentials;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalPersonas.Persona;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.approvals.GateDecisions;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.runs.RunStatus;
import io.sluice.starter.runs.RunStatusReader;
import io.sluice.starter.runs.RunWaiter;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workers.ActivitySettings;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.GateOutcome;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.DecisionReceipt;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildResult;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.dataproduct.DataProductSpec;
import io.sluice.workflows.dataproduct.RegisterDataProductRequest;
import io.sluice.workflows.dataproduct.RegisterDataProductResult;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.deployment.DeployResult;
import io.sluice.workflows.deployment.DeploymentOutcome;
import io.sluice.workflows.deployment.DeploymentSpec;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionOutcome;
import io.sluice.workflows.promotion.PromotionSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lifecycle the demo runs on a started {@link LocalStack}: BuildModel in local mode, PromoteModel
 * copying real bytes and a real image, DeployModel judged on real predictions; each gate approved
 * by the person its config names, through the same update the CLI uses.
 * Each step prints a line; what it finds goes into the summary; what fails is named.
 */
public final class DemoScenario {
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final LocalStack stack;
    private final PrintWriter out;
    private final GateHandler gates;
    private final boolean secondRelease;
    final List<String> failures = new ArrayList<>();
    final Map<String, String> summary = new java.util.LinkedHashMap<>();
    final List<String> approvals = new ArrayList<>();

    /** Decides a run's open gate: as the configured approver, or by waiting for a person. */
    interface GateHandler {
        void decide(TemporalSession session, RunStatus waiting, Persona approver);
    }

    DemoScenario(LocalStack stack, PrintWriter out, GateHandler gates) {
        this(stack, out, gates, false);
    }

    private DemoScenario(LocalStack stack, PrintWriter out, GateHandler gates, boolean secondRelease) {
        this.stack = stack;
        this.out = out;
        this.gates = gates;
        this.secondRelease = secondRelease;
    }

    /**
     * Leaves the decision to a person: prints the exact commands to run from another terminal and
     * waits until the gate closes, whoever decided.
     */
    static GateHandler interactive(PrintWriter out, java.nio.file.Path configFile) {
        return (session, waiting, approver) -> {
            out.println("     waiting at gate " + waiting.gate().name() + " of " + waiting.workflowId() + "; from another terminal run");
            out.println("       ./sluice approve " + waiting.workflowId() + " --profile " + approver.profile()
                    + " --comment \"...\" --config " + configFile);
            out.println("       ./sluice reject  " + waiting.workflowId() + " --profile " + approver.profile()
                    + " --comment \"why\" --config " + configFile);
            out.flush();
            var reader = new RunStatusReader(session.client());
            while (reader.read(waiting.workflowId()).awaitingApproval()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.println("     gate " + waiting.gate().name() + " of " + waiting.workflowId() + " closed");
            out.flush();
        };
    }

    /** Approves as the persona {@code approver}, with a proof signed by their credentials, through the validated update. */
    static GateHandler automatic(PrintWriter out, LocalStack stack) {
        return (session, waiting, approver) -> {
            DecisionReceipt state = new GateDecisions(session.client()).send(waiting.workflowId(),
                    Decision.approve(approver.userName(), "approved by the demo on the evidence in the gate's context"),
                    stack.prover(approver));
            var counted = state.entry();
            out.println("     approved " + waiting.workflowId() + " at gate " + state.gate() + " as " + counted.actor()
                    + (counted.verified() ? " (verified: " + counted.principal() + ")" : " (unverified)") + " -> "
                    + state.state());
            out.flush();
        };
    }

    /** The lifecycle on {@code stack} with every gate approved as its configured approver. */
    public static DemoScenario approvingEveryGate(LocalStack stack, PrintWriter out) {
        return new DemoScenario(stack, out, automatic(out, stack));
    }

    /**
     * The lifecycle followed by a second release: another build of the same model (a new package
     * version), its promotion, and its deployment from the shared package to the same endpoints,
     * as an update of their stacks. What {@code sluice aws check} runs.
     */
    public static DemoScenario approvingEveryGateTwice(LocalStack stack, PrintWriter out) {
        return new DemoScenario(stack, out, automatic(out, stack), true);
    }

    /** What did not hold, once {@link #run()} has returned; empty when every step held. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Registers the data product, then builds, promotes and deploys the sample model, as far as each step holds. */
    public void run() {
        try (var session = TemporalSession.open(stack.config())) {
            if (!registerDataProduct(session)) {
                return;
            }
            BuildResult built = build(session);
            if (built == null) {
                return;
            }
            PromoteResult promoted = promote(session, built);
            if (promoted == null) {
                return;
            }
            if (!deploy(session, promoted, "") || !secondRelease) {
                return;
            }
            BuildResult rebuilt = build(session, "dev", SECOND_RELEASE);
            PromoteResult repromoted = rebuilt == null ? null : promote(session, rebuilt, "dev");
            if (repromoted != null) {
                deploy(session, repromoted, "package");
            }
            promoteFromSecondDevAccount(session, promoted);
        }
    }

    /** The run key of the second release's build. */
    static final String SECOND_RELEASE = "demo-2";

    /**
     * The same model package group and version built in the second development account and
     * promoted into the same shared account, then what must hold: its copies and central package
     * are its own (the promoted keys carry the source account's id), and dev's first promotion is
     * untouched: its objects hold dev's bytes and its central package names dev's image by digest,
     * which the shared registry still serves, whatever tag the second promotion moved.
     */
    private void promoteFromSecondDevAccount(TemporalSession session, PromoteResult first) {
        String dev2 = LocalAws.SECOND_DEV_ACCOUNT;
        BuildResult built = build(session, dev2, dev2);
        PromoteResult promoted = built == null ? null : promote(session, built, dev2);
        if (promoted == null) {
            return;
        }
        step("Promotions of " + built.modelPackageArn().replaceAll(".*:model-package/", "") + " from dev and " + dev2
                + " side by side in shared: neither overwrote the other");
        String dev2Id = stack.aws().account(dev2).id();
        if (promoted.centralPackageArn().equals(first.centralPackageArn())) {
            fail(dev2 + "'s promotion registered " + promoted.centralPackageArn() + ", dev's central package");
        }
        var firstCopies = PromotedCopies.objects(stack.aws(), "shared", first);
        var promotedCopies = PromotedCopies.objects(stack.aws(), "shared", promoted);
        List<String> firstTargets = firstCopies.stream().map(copy -> copy.targetUri()).toList();
        for (var copy : promotedCopies) {
            if (!copy.targetUri().contains("/" + dev2Id + "/")) {
                fail(dev2 + "'s artifact " + copy.targetUri() + " is not under its account id " + dev2Id);
            }
            if (firstTargets.contains(copy.targetUri())) {
                fail(dev2 + "'s artifact " + copy.targetUri() + " was copied over dev's");
            }
        }
        int unchanged = 0;
        for (var copy : firstCopies) {
            if (checksum("dev", copy.sourceUri()).equals(checksum("shared", copy.targetUri()))) {
                unchanged++;
            } else {
                fail("dev's promoted artifact " + copy.targetUri() + " no longer holds " + copy.sourceUri() + "'s bytes after "
                        + dev2 + "'s promotion");
            }
        }
        out.println("     " + promotedCopies.size() + " artifact(s) of " + dev2 + " under /" + dev2Id + "/, "
                + unchanged + " of dev's " + firstCopies.size() + " still dev's bytes");
        try (var clients = AwsClients.create(ActivitySettings.aws(stack.config()))) {
            var containers = clients.client("shared", AwsServices.SAGEMAKER)
                    .describeModelPackage(describe -> describe.modelPackageName(first.centralPackageArn()))
                    .inferenceSpecification().containers();
            for (var image : first.images()) {
                String devDigest = manifestDigest("dev", image.sourceImage());
                String repository = ImageReference.parse(image.targetImage()).repository();
                var pinned = containers.stream().map(container -> container.image())
                        .filter(name -> ImageReference.parse(name).repository().equals(repository)).findFirst();
                if (pinned.isEmpty() || !pinned.get().contains("@sha256:")) {
                    fail("dev's central package " + first.centralPackageArn() + " does not name " + repository + " by digest: "
                            + pinned.orElse("no such container"));
                    continue;
                }
                String served = manifestDigest("shared", pinned.get());
                if (!served.equals(devDigest)) {
                    fail("dev's central package's image " + pinned.get() + " resolves to " + served + ", not dev's " + devDigest);
                }
                String tagged = manifestDigest("shared", image.targetImage());
                out.println("     dev's central package pins " + pinned.get().replaceAll(".*/", "") + (served.equals(devDigest)
                        ? ", still served by shared" : ", served as " + served) + "; tag " + image.targetImage().replaceAll(".*/", "")
                        + " now names " + (tagged.equals(devDigest) ? "dev's" : tagged.equals(promotedDigest(promoted, repository))
                        ? dev2 + "'s" : "another") + " image");
            }
        }
        out.flush();
    }

    /** The digest {@code promoted} copied of the image in {@code repository}, or empty. */
    private static String promotedDigest(PromoteResult promoted, String repository) {
        return promoted.images().stream().filter(image -> ImageReference.parse(image.targetImage()).repository().equals(repository))
                .map(image -> image.digest()).findFirst().orElse("");
    }

    private boolean registerDataProduct(TemporalSession session) {
        step("RegisterDataProduct: LF-tags, database and tables in governance, producer and consumer resource links, grants");
        var spec = SpecFiles.read(stack.buildSpec().resolveSibling(SampleSeeds.DATA_PRODUCT_SPEC), DataProductSpec.class);
        String workflowId = WorkflowIds.dataProduct(spec.domain(), spec.name());
        var started = new RunStarter(session.client(), session.taskQueue()).startExclusive(SluiceWorkflowType.REGISTER_DATA_PRODUCT,
                workflowId, "", "Demo data product", "", new RegisterDataProductRequest(spec,
                        LocalApprovers.DATA_SCIENTIST.userName(), stack.startProof(LocalApprovers.DATA_SCIENTIST, workflowId), null));
        RunStatus status = awaitGate(session, started.workflowId());
        if (!"COMPLETED".equals(status.status())) {
            fail("RegisterDataProduct " + started.workflowId() + " did not complete: " + describe(status));
            return false;
        }
        var result = session.client().newUntypedWorkflowStub(started.workflowId()).getResult(RegisterDataProductResult.class);
        summary.put("RegisterDataProduct", started.workflowId() + "  " + result.outcome() + " (version " + result.version() + ")");
        summary.put("data product database", result.database() + " in governance, tables "
                + result.tables().stream().map(table -> table.name()).toList());
        summary.put("data product grants", result.grants().size() + " grant(s), " + result.resourceLinks().size() + " resource link(s)");
        return true;
    }

    private BuildResult build(TemporalSession session) {
        return build(session, "dev", "demo");
    }

    /** Builds with the sample build spec of development account {@code account}. */
    private BuildResult build(TemporalSession session, String account, String runKey) {
        step("BuildModel " + runKey + (account.equals("dev") ? "" : " in " + account)
                + ": Data Wrangler flow and XGBoost on the worker, then the lead data scientist's approval");
        var spec = SpecFiles.read(stack.buildSpec().resolveSibling(SampleSeeds.buildSpecFile(account)), BuildSpec.class);
        String workflowId = WorkflowIds.build(spec.modelPackageGroup(), runKey);
        var started = new RunStarter(session.client(), session.taskQueue()).start(SluiceWorkflowType.BUILD_MODEL,
                workflowId, spec.modelPackageGroup(), "Demo build", "", new BuildRequest(spec, runKey,
                        LocalApprovers.DATA_SCIENTIST.userName(), stack.startProof(LocalApprovers.DATA_SCIENTIST, workflowId), null));
        RunStatus status = awaitGate(session, started.workflowId());
        if (!status.awaitingApproval()) {
            fail("BuildModel " + started.workflowId() + " did not reach its approval gate: " + describe(status));
            return null;
        }
        gates.decide(session, status, LocalApprovers.LEAD_DATA_SCIENTIST);
        BuildResult result = session.client().newUntypedWorkflowStub(started.workflowId()).getResult(BuildResult.class);
        summary.put("BuildModel", started.workflowId() + "  " + result.outcome());
        summary.put(account + " model package", result.modelPackageArn());
        summary.put("model data (" + account + ")", result.modelDataUri());
        new TreeMap<>(result.metrics()).forEach((name, value) ->
                summary.put("metric " + name, String.format(Locale.ROOT, "%.4f", value)));
        recordApprovals(result.gate());
        if (!result.outcome().name().equals("APPROVED")) {
            fail("BuildModel ended " + result.outcome() + " (" + result.evaluation() + ")");
            return null;
        }
        return result;
    }

    private PromoteResult promote(TemporalSession session, BuildResult built) {
        return promote(session, built, "dev");
    }

    /** Promotes {@code built} with the sample promotion spec from development account {@code source}. */
    private PromoteResult promote(TemporalSession session, BuildResult built, String source) {
        step("PromoteModel: copy S3 artifacts and the image " + source
                + " -> shared, register centrally, model card, ML engineer's approval");
        var spec = SpecFiles.read(stack.buildSpec().resolveSibling(SampleSeeds.promoteSpecFile(source)), PromotionSpec.class);
        String workflowId = WorkflowIds.promote(built.modelPackageArn());
        var request = new PromoteRequest(built.modelPackageArn(), spec, LocalApprovers.DATA_SCIENTIST.userName(),
                stack.startProof(LocalApprovers.DATA_SCIENTIST, workflowId), null);
        var started = new RunStarter(session.client(), session.taskQueue()).start(SluiceWorkflowType.PROMOTE_MODEL,
                workflowId, "", "Demo promotion", "", request);
        RunStatus status = awaitGate(session, started.workflowId());
        if (!status.awaitingApproval()) {
            fail("PromoteModel " + started.workflowId() + " did not reach its approval gate: " + describe(status));
            return null;
        }
        gates.decide(session, status, LocalApprovers.ML_ENGINEER);
        PromoteResult result = session.client().newUntypedWorkflowStub(started.workflowId()).getResult(PromoteResult.class);
        summary.put("PromoteModel", started.workflowId() + "  " + result.outcome());
        summary.put("shared model package", result.centralPackageArn());
        summary.put("model card", result.modelCardArn() + " v" + result.modelCardVersion());
        if (result.copies() != null) {
            summary.put("copy manifest", result.copies().manifestUri() + " (" + result.copies().objects() + " objects, "
                    + result.copies().bytes() + " bytes)");
        }
        for (var copy : PromotedCopies.objects(stack.aws(), "shared", result)) {
            String sourceSum = checksum(source, copy.sourceUri());
            String target = checksum("shared", copy.targetUri());
            summary.put("artifact " + copy.targetUri().replaceAll(".*/", ""), copy.size() + " bytes, sha256 " + sourceSum.substring(0, 16)
                    + "… (" + source + ") " + (sourceSum.equals(target) ? "==" : "!=") + " " + target.substring(0, 16) + "… (shared)");
            if (!copy.sha256().equals(sourceSum)) {
                fail("artifact " + copy.targetUri() + ": its manifest records SHA-256 " + copy.sha256() + ", not the source's "
                        + sourceSum);
            }
            if (!sourceSum.equals(target)) {
                fail("artifact " + copy.targetUri() + " differs from " + copy.sourceUri());
            }
        }
        for (var image : result.images()) {
            String original = manifestDigest(source, image.sourceImage());
            String shared = manifestDigest("shared", image.targetImage());
            summary.put("image " + image.targetImage().replaceAll(".*/", ""), original + " (" + source + ") "
                    + (original.equals(shared) ? "==" : "!=") + " (shared); " + image.blobsCopied() + " blobs, " + image.bytesCopied()
                    + " bytes copied");
            if (!original.equals(shared)) {
                fail("image " + image.targetImage() + " has digest " + shared + ", not " + original);
            }
        }
        recordApprovals(result.gate());
        if (result.outcome() != PromotionOutcome.PROMOTED) {
            fail("PromoteModel ended " + result.outcome());
            return null;
        }
        return result;
    }

    /**
     * Deploys {@code promoted}'s package; {@code modelSource} overrides the sample spec's when not
     * empty. Whether the deployment held.
     */
    private boolean deploy(TemporalSession session, PromoteResult promoted, String modelSource) {
        step("DeployModel " + promoted.centralPackageArn().replaceAll(".*/", "v")
                + ": test endpoint, integration tests on real predictions, governance officer's approval, prod");
        var sample = SpecFiles.read(stack.buildSpec().resolveSibling(SampleSeeds.DEPLOY_SPEC), DeploymentSpec.class);
        var spec = new DeploymentSpec(sample.endpointName(), sample.sharedAccount(),
                modelSource.isEmpty() ? sample.modelSource() : modelSource, sample.test(), sample.prod(),
                sample.integrationTests(), sample.removeTestStackOnFailure());
        String workflowId = WorkflowIds.deploy(spec.endpointName());
        var request = new DeployRequest(promoted.centralPackageArn(), spec, LocalApprovers.ML_ENGINEER.userName(),
                stack.startProof(LocalApprovers.ML_ENGINEER, workflowId), null);
        var started = new RunStarter(session.client(), session.taskQueue()).startExclusive(SluiceWorkflowType.DEPLOY_MODEL,
                workflowId, "", "Demo deployment", "", request);
        RunStatus status = awaitGate(session, started.workflowId());
        if (!status.awaitingApproval()) {
            fail("DeployModel " + started.workflowId() + " did not reach its approval gate: " + describe(status));
            return false;
        }
        gates.decide(session, status, LocalApprovers.GOVERNANCE_OFFICER);
        DeployResult result = session.client().newUntypedWorkflowStub(started.workflowId()).getResult(DeployResult.class);
        var report = result.report();
        summary.put("DeployModel", started.workflowId() + "  " + result.outcome());
        summary.put("endpoint (test)", spec.test().account() + " " + stack.aws().account(spec.test().account()).id() + "  "
                + result.testStack().outputs().get("EndpointName") + "  stack " + result.testStack().status());
        summary.put("endpoint (prod)", spec.prod().account() + " " + stack.aws().account(spec.prod().account()).id() + "  "
                + result.prodStack().outputs().get("EndpointName") + "  stack " + result.prodStack().status());
        summary.put("integration tests", String.format(Locale.ROOT, "%d/%d ok, p50 %.2f ms, p95 %.2f ms, %s %.4f on %d rows",
                report.successes(), report.invocations(), report.p50LatencyMs(), report.p95LatencyMs(), report.metric(),
                report.metricValue(), report.labelledRows()));
        summary.put("test split (lineage)", report.testSet());
        if (report.labelledRows() == 0 || !report.testSet().startsWith("s3://" + stack.aws().account(spec.sharedAccount()).artifactBucket())) {
            fail("the integration tests did not score the package's own test split, promoted to shared: test set '"
                    + report.testSet() + "', " + report.labelledRows() + " labelled rows");
        }
        recordApprovals(result.gate());
        boolean deployed = result.outcome() == DeploymentOutcome.DEPLOYED;
        if (!deployed) {
            fail("DeployModel ended " + result.outcome() + ": " + result.reason());
        }
        for (String account : List.of(spec.test().account(), spec.prod().account())) {
            try (var clients = AwsClients.create(ActivitySettings.aws(stack.config()))) {
                String stackName = spec.stackName(account.equals(spec.test().account()) ? "test" : "prod");
                var stacks = clients.client(account, AwsServices.CLOUDFORMATION).describeStacks(d -> d.stackName(stackName)).stacks();
                if (stacks.size() != 1) {
                    fail("stack " + stackName + " is not in account " + account);
                    deployed = false;
                }
            }
        }
        return deployed;
    }

    private String checksum(String account, String uri) {
        var location = S3Uri.parse(uri);
        try (var s3 = stack.aws().s3(account)) {
            return Sha256.hex(s3.getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key())).asByteArray());
        }
    }

    private String manifestDigest(String account, String image) {
        var reference = ImageReference.parse(image);
        var client = new RegistryClient(stack.aws().registry(account).endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());
        return client.getManifest(reference.repository(), reference.reference()).digest();
    }

    private RunStatus awaitGate(TemporalSession session, String workflowId) {
        return new RunWaiter(new RunStatusReader(session.client())).awaitGateOrClose(workflowId, STEP_TIMEOUT, stage -> {
            out.println("     " + workflowId + ": " + (stage.stage() == null ? "queued" : stage.stage()));
            out.flush();
        }, progress -> {
            out.println("       " + progress);
            out.flush();
        });
    }

    private void recordApprovals(GateOutcome gate) {
        gate.decided().forEach(decision -> approvals.add(
                gate.name() + ": " + decision.verdict() + " by " + decision.by() + " at " + decision.at()));
    }

    private void step(String what) {
        out.println("==>  " + what);
        out.flush();
    }

    private void fail(String failure) {
        out.println("FAIL " + failure);
        out.flush();
        failures.add(failure);
    }

    private static String describe(RunStatus status) {
        return status.status() + (status.outcome() == null ? "" : " " + status.outcome())
                + (status.failure() == null ? "" : ": " + status.failure());
    }
}
