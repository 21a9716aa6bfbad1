package io.sluice.workflows.build;

import io.sluice.workflows.ActivitySteps;
import io.sluice.workflows.ChildRuns;
import io.sluice.workflows.CustomerMetadata;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.FollowOn;
import io.sluice.workflows.InputChecks;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.ContinuedRuns;
import io.sluice.workflows.approval.GateContinuation;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.approval.Requester;
import io.sluice.workflows.approval.Requesters;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.registry.ModelRegistryActivities;
import io.sluice.workflows.registry.PackageMetadata;
import io.sluice.workflows.registry.PackageStatus;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The BuildModel orchestration; every AWS call is an activity. */
public final class BuildModelWorkflowImpl extends GatedWorkflow implements BuildModelWorkflow {
    private static final String CHECK_PACKAGE_METADATA = "check-package-metadata";
    /** Runs from before it marked an expired approval's package Rejected. */
    static final String EXPIRED_STAYS_PENDING = "expired-package-stays-pending";
    /** Runs from before training and test data were copied without the processing job's header rows. */
    static final String HEADERLESS_TRAINING_DATA = "headerless-training-data";
    /** How long copying the training data server-side may take, each attempt. */
    private static final Duration TRAINING_DATA_LIMIT = Duration.ofHours(1);

    private final ModelRegistryActivities registry = ActivitySteps.activities(ModelRegistryActivities.class,
            ActivitySteps.quick());
    private final StepFunctionsActivities stepFunctions = ActivitySteps.activities(StepFunctionsActivities.class,
            ActivitySteps.waiting(Duration.ofHours(24)));

    @Override
    public BuildResult build(BuildRequest request) {
        BuildSpec spec = request.spec();
        String workflowId = Workflow.getInfo().getWorkflowId();
        BuildAtGate resumed = ContinuedRuns.atGate(request.atGate(), "atGate");
        if (resumed != null) {
            Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(spec.modelPackageGroup()));
            return afterGate(request, resumed.gate().requester(), resumed, gate.resume(resumed.gate(), continuation(request, resumed)));
        }
        InputChecks.checkOnce(request);
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.MODEL_PACKAGE_GROUP.valueSet(spec.modelPackageGroup()));
        Requester requester = Requesters.establish(request.requester(), request.requesterProof(), request.requesterPrincipal());

        ActivitySteps.enter("registry", "Ensuring model package group `" + spec.modelPackageGroup() + "` in " + spec.account());
        var group = registry.ensureGroup(new ModelRegistryActivities.GroupRequest(
                spec.account(), spec.modelPackageGroup(), spec.description(), spec.tags()));

        String preStepExecution = "";
        if (spec.preStep().configured()) {
            ActivitySteps.enter("pre-step", "Running state machine `" + spec.preStep().stateMachineArn() + "`");
            preStepExecution = stepFunctions.run(new StepFunctionsActivities.ExecutionRequest(spec.account(),
                    spec.preStep().stateMachineArn(), ResourceNames.job(workflowId, "pre"), spec.preStep().input())).executionArn();
        }

        ModelJobActivities jobs = jobActivities(spec);
        String processingStep = ResourceNames.job(workflowId, "proc");
        ActivitySteps.enter("processing", "Data Wrangler processing job `" + processingStep + "` (" + spec.jobs().mode() + " mode)");
        Set<String> outputs = new java.util.TreeSet<>(spec.training().channels().values());
        outputs.addAll(spec.processing().outputs());
        var processing = jobs.process(new ModelJobActivities.ProcessingRequest(spec.account(), spec.jobs().mode(),
                processingStep, spec.flow(), spec.inputs(), List.copyOf(outputs), spec.processing(), spec.executionRoleArn(),
                spec.tags(), spec.processing().outputPrefix()));

        String processingJob = processing.jobName();
        Map<String, String> data = trainingData(spec, processing);
        String trainingStep = ResourceNames.job(workflowId, "train");
        ActivitySteps.enter("training", "Training job `" + trainingStep + "` (" + spec.jobs().mode() + " mode)");
        Map<String, String> channels = new TreeMap<>();
        spec.training().channels().forEach((channel, output) -> channels.put(channel, outputUri(processing, data, output)));
        var training = jobs.train(new ModelJobActivities.TrainingRequest(spec.account(), spec.jobs().mode(), trainingStep,
                channels, spec.training(), spec.executionRoleArn(), spec.tags(), spec.processing().outputPrefix()));
        String trainingJob = training.jobName();

        ActivitySteps.enter("evaluation", "Checking " + spec.evaluation().describe());
        Double measured = training.metrics().get(spec.evaluation().metric());
        if (measured == null) {
            throw FailureType.INVALID_INPUT.failure("training job " + trainingJob + " reported no metric '"
                    + spec.evaluation().metric() + "' (it reported " + new TreeMap<>(training.metrics()).keySet()
                    + "); fix evaluation.metric");
        }
        String evaluation = spec.evaluation().metric() + " = " + format(measured) + ", required "
                + spec.evaluation().describe();
        if (!spec.evaluation().passes(measured)) {
            Workflow.setCurrentDetails("Evaluation failed: " + evaluation + ". Nothing registered.");
            return new BuildResult(BuildOutcome.REJECTED_BY_EVALUATION, group.groupArn(), "", preStepExecution,
                    processingJob, processing.outputs(), trainingJob, training.modelDataUri(), training.image(),
                    training.metrics(), evaluation, gate.state().outcome(), "", FollowOn.NOT_REQUESTED);
        }

        ActivitySteps.enter("registration", "Registering the model in `" + spec.modelPackageGroup() + "`");
        Map<String, String> metadata = metadata(workflowId, spec, processing, data, trainingJob, requester.name());
        requireAcceptable(metadata);
        var registered = registry.registerPackage(new ModelRegistryActivities.PackageRequest(spec.account(),
                spec.modelPackageGroup(), workflowId, training.image(), training.modelDataUri(), training.metrics(),
                spec.processing().outputPrefix() + "/" + trainingJob + "/evaluation/statistics.json",
                metadata, spec.description()));

        Map<String, String> context = new LinkedHashMap<>();
        context.put("modelPackageArn", registered.packageArn());
        context.put("evaluation", evaluation);
        new TreeMap<>(training.metrics()).forEach((name, value) -> context.put("metric " + name, format(value)));
        context.put("modelDataUri", training.modelDataUri());
        context.put("trainingJob", trainingJob);
        BuildAtGate at = new BuildAtGate(group.groupArn(), registered.packageArn(), preStepExecution, processingJob,
                processing.outputs(), trainingJob, training.modelDataUri(), training.image(), training.metrics(), evaluation, null);
        return afterGate(request, requester, at, gate.open(Gates.MODEL_APPROVAL, requester, context, continuation(request, at)));
    }

    /** How the run continues as new at its gate: the next run resumes there with the package it registered. */
    private static GateContinuation continuation(BuildRequest request, BuildAtGate at) {
        return carried -> request.continuedAt(at.withGate(carried));
    }

    /** The decision recorded on the package, and the promotion it asks for. */
    private BuildResult afterGate(BuildRequest request, Requester requester, BuildAtGate at, ApprovalState decided) {
        BuildSpec spec = request.spec();
        String packageArn = at.packageArn();
        ActivitySteps.enter("registry-status", "Recording the decision on " + packageArn);
        BuildOutcome outcome = switch (decided.state()) {
            case APPROVED -> BuildOutcome.APPROVED;
            case REJECTED -> BuildOutcome.REJECTED;
            default -> BuildOutcome.EXPIRED;
        };
        if (outcome == BuildOutcome.EXPIRED && Workflow.getVersion(EXPIRED_STAYS_PENDING, Workflow.DEFAULT_VERSION, 1) == 1) {
            // Nobody decided: that is no rejection. The package stays PendingManualApproval in the registry.
            Workflow.setCurrentDetails("Model package " + packageArn + ": **EXPIRED** (" + describe(decided)
                    + "); it stays PendingManualApproval in the registry.");
        } else {
            registry.setApprovalStatus(new ModelRegistryActivities.ApprovalStatusRequest(spec.account(), packageArn,
                    (outcome == BuildOutcome.APPROVED ? PackageStatus.APPROVED : PackageStatus.REJECTED).registryName(), describe(decided)));
            Workflow.setCurrentDetails("Model package " + packageArn + ": **" + outcome + "**.");
        }
        String promotion = "";
        FollowOn promotionStart = FollowOn.NOT_REQUESTED;
        if (outcome == BuildOutcome.APPROVED && spec.promoteOnApproval()) {
            promotion = WorkflowIds.promote(packageArn);
            ActivitySteps.enter("promote", "Starting PromoteModel for " + packageArn);
            promotionStart = ChildRuns.startAbandoned(PromoteModelWorkflow.class, WorkflowIds.promote(packageArn),
                    "Promote " + packageArn + " to " + spec.promotion().targetAccount() + ", requested by "
                            + requester.name(),
                    workflow -> Async.function(workflow::promote, new PromoteRequest(packageArn, spec.promotion(),
                            requester.name(), null, requester.principal())));
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return new BuildResult(outcome, at.groupArn(), packageArn, at.preStepExecution(), at.processingJob(),
                at.processingOutputs(), at.trainingJob(), at.modelDataUri(), at.image(), at.metrics(), at.evaluation(),
                decided.outcome(), promotion, promotionStart);
    }

    private static ModelJobActivities jobActivities(BuildSpec spec) {
        Duration longest = spec.processing().maxRuntime().compareTo(spec.training().maxRuntime()) > 0
                ? spec.processing().maxRuntime() : spec.training().maxRuntime();
        return ActivitySteps.activities(ModelJobActivities.class, ActivitySteps.waiting(longest.plus(Duration.ofMinutes(30))));
    }

    /**
     * The outputs the build reads as data (the training channels' and the test split), each as the
     * built-in XGBoost reads CSV: without a header row. Where the processing job wrote header rows,
     * those outputs are copied without them; the other outputs, and every output of a run from before
     * the copy, are read where the job wrote them.
     */
    private static Map<String, String> trainingData(BuildSpec spec, ModelJobActivities.ProcessingResult processing) {
        boolean copied = Workflow.getVersion(HEADERLESS_TRAINING_DATA, Workflow.DEFAULT_VERSION, 1) == 1;
        // Data Wrangler's own jobs always wrote header rows, also in results from before headerRow existed.
        boolean headerRows = processing.headerRow() || spec.jobs().mode() == JobMode.sagemaker;
        if (!copied || !headerRows) {
            return processing.outputs();
        }
        Set<String> channelOutputs = new java.util.TreeSet<>(spec.training().channels().values());
        Map<String, String> read = new TreeMap<>();
        processing.outputs().forEach((output, uri) -> {
            if (channelOutputs.contains(output) || isTestSplit(output)) {
                read.put(output, uri);
            }
        });
        ActivitySteps.enter("training-data", "Copying " + String.join(", ", read.keySet()) + " of `" + processing.jobName()
                + "` without header rows, as XGBoost reads CSV");
        ModelJobActivities copies = ActivitySteps.activities(ModelJobActivities.class, ActivitySteps.waiting(TRAINING_DATA_LIMIT));
        var copiedData = copies.trainingData(new ModelJobActivities.TrainingDataRequest(spec.account(), read,
                ResourceNames.trainingData(spec.processing().outputPrefix(), processing.jobName()), channelOutputs,
                spec.processing().kmsKey()));
        Map<String, String> data = new TreeMap<>(processing.outputs());
        data.putAll(copiedData.outputs());
        return data;
    }

    private static boolean isTestSplit(String output) {
        return output.endsWith(".test");
    }

    private static String outputUri(ModelJobActivities.ProcessingResult processing, Map<String, String> data, String output) {
        String uri = data.get(output);
        if (uri == null) {
            throw FailureType.INVALID_INPUT.failure("processing job " + processing.jobName() + " has no output '"
                    + output + "' (it has " + new TreeMap<>(processing.outputs()).keySet() + "); fix training.channels");
        }
        return uri;
    }

    private static Map<String, String> metadata(String workflowId, BuildSpec spec,
            ModelJobActivities.ProcessingResult processing, Map<String, String> data, String trainingJob, String requester) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(PackageMetadata.WORKFLOW_ID, workflowId);
        metadata.put(PackageMetadata.REQUESTER, requester);
        metadata.put(PackageMetadata.FLOW, spec.flow());
        metadata.put(PackageMetadata.FLOW_SHA256, processing.flowSha256());
        metadata.put(PackageMetadata.TRAINING_JOB, trainingJob);
        var testSplits = data.entrySet().stream().filter(output -> isTestSplit(output.getKey())).toList();
        if (testSplits.size() == 1) {
            String uri = testSplits.get(0).getValue();
            metadata.put(PackageMetadata.TEST_SPLIT, uri.endsWith("/") ? uri : uri + "/");
        }
        metadata.put(PackageMetadata.EVALUATION_METRIC, spec.evaluation().metric());
        metadata.put(PackageMetadata.EVALUATION_COMPARISON, spec.evaluation().comparison().name());
        metadata.put(PackageMetadata.EVALUATION_THRESHOLD, String.valueOf(spec.evaluation().threshold()));
        metadata.putAll(PackageMetadata.inputs(spec.inputs(), spec.account()));
        return metadata;
    }

    /**
     * Fails the run, naming the entry, when SageMaker would refuse the package's metadata. Runs that
     * started before the check keep registering as they did.
     */
    private static void requireAcceptable(Map<String, String> metadata) {
        List<String> problems = CustomerMetadata.problems(metadata);
        if (problems.isEmpty()
                || Workflow.getVersion(CHECK_PACKAGE_METADATA, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        throw FailureType.INVALID_INPUT.failure("the model package's metadata would be refused by SageMaker: "
                + String.join("; ", problems) + ". Nothing was registered; fix the inputs, flow or run key it comes from");
    }

    private static String describe(ApprovalState decided) {
        if (decided.state() == GateState.EXPIRED) {
            return "approval expired at " + decided.deadline();
        }
        var last = decided.decisions().stream().filter(d -> d.accepted()).reduce((first, second) -> second);
        return decided.state().name().toLowerCase(Locale.ROOT) + " by " + String.join(", ", decided.approvedBy().isEmpty()
                ? last.map(d -> java.util.List.of(d.actor())).orElse(java.util.List.of()) : decided.approvedBy())
                + last.map(d -> d.comment().isEmpty() ? "" : ": " + d.comment()).orElse("");
    }


    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
