package io.sluice.workflows.build;

import io.sluice.workflows.registry.ModelRegistryActivities;
import io.sluice.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes of the build's activities: they record calls and return what a test sets. */
public final class FakeBuildActivities {
    private FakeBuildActivities() {}

    public static final class Registry implements ModelRegistryActivities {
        final List<PackageRequest> registered = new CopyOnWriteArrayList<>();
        final List<ApprovalStatusRequest> statusUpdates = new CopyOnWriteArrayList<>();

        @Override
        public GroupResult ensureGroup(GroupRequest request) {
            return new GroupResult("arn:aws:sagemaker:us-east-1:100000000003:model-package-group/" + request.group(), true);
        }

        @Override
        public PackageResult registerPackage(PackageRequest request) {
            registered.add(request);
            return new PackageResult("arn:aws:sagemaker:us-east-1:100000000003:model-package/" + request.group() + "/1", 1,
                    "PendingManualApproval");
        }

        @Override
        public PackageResult setApprovalStatus(ApprovalStatusRequest request) {
            statusUpdates.add(request);
            return new PackageResult(request.packageArn(), 1, request.status());
        }
    }

    public static final class Jobs implements ModelJobActivities {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<TrainingRequest> trainings = new CopyOnWriteArrayList<>();
        final List<TrainingDataRequest> trainingData = new CopyOnWriteArrayList<>();
        /** Whether the processing job's outputs carry header rows, as Data Wrangler writes them. */
        volatile boolean headerRow = true;
        volatile double auc = 0.91;
        volatile String trainingFailure = "";
        /** The name suffix of the jobs that run, as when an earlier run left failed jobs under the step's names. */
        volatile String generation = "";

        @Override
        public ProcessingResult process(ProcessingRequest request) {
            started.add(request.jobName());
            String name = request.jobName() + generation;
            String base = request.outputPrefix() + "/" + name + "/";
            return new ProcessingResult(name, Map.of("split.train", base + "split.train",
                    "split.validation", base + "split.validation", "split.test", base + "split.test", "report.default",
                    base + "report.default"), "abc123", headerRow);
        }

        @Override
        public TrainingResult train(TrainingRequest request) {
            started.add(request.jobName());
            trainings.add(request);
            if (!trainingFailure.isEmpty()) {
                throw ApplicationFailure.newNonRetryableFailure("training job " + request.jobName() + " failed: "
                        + trainingFailure, FailureType.AWS_JOB_FAILED.type());
            }
            String name = request.jobName() + generation;
            return new TrainingResult(name, request.outputPath() + "/" + name + "/output/model.tar.gz",
                    "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                    Map.of("validation:auc", auc, "train:auc", 0.97));
        }

        @Override
        public TrainingDataResult trainingData(TrainingDataRequest request) {
            trainingData.add(request);
            Map<String, String> copies = new java.util.TreeMap<>();
            request.outputs().keySet().forEach(output -> copies.put(output, request.targetPrefix() + "/" + output + "/"));
            return new TrainingDataResult(copies, copies.size(), 1000L * copies.size());
        }
    }

    public static final class StepFunctions implements StepFunctionsActivities {
        final List<ExecutionRequest> runs = new CopyOnWriteArrayList<>();

        @Override
        public ExecutionResult run(ExecutionRequest request) {
            runs.add(request);
            return new ExecutionResult(request.stateMachineArn().replace(":stateMachine:", ":execution:") + ":"
                    + request.executionName(), "SUCCEEDED", "{}");
        }
    }
}
