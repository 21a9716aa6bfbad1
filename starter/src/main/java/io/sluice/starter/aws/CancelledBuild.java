package io.sluice.starter.aws;

import io.sluice.starter.TemporalSession;
import io.sluice.starter.local.LocalApprovers;
import io.sluice.starter.local.LocalStack;
import io.sluice.starter.runs.RunStarter;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.PreStepSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The sample build with a pre-step, cancelled while the pre-step's Step Functions execution runs,
 * for the calls a pre-step and a cancellation make: starting, describing and stopping the
 * execution. The local stand-in keeps an execution running until it is stopped, as a long
 * data-refresh state machine would. The check creates the state machine as the platform would;
 * Sluice only runs it.
 */
final class CancelledBuild {
    static final String RUN_KEY = "aws-check-cancelled";
    private static final String STATE_MACHINE = "sluice-aws-check-refresh";
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    /**
     * How long the cancelled run may take to end: its step learns of the cancellation from its next
     * heartbeat (at most five seconds apart on a Sluice worker) and looks at the execution at most
     * fifteen seconds apart, so a run still going after this has not stopped as it should.
     */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    private CancelledBuild() {}

    /**
     * How the cancelled build ended.
     *
     * @param report what happened, for the check's output
     * @param failure why the cancellation did not do what it must (stop the execution, end the
     *     run CANCELED); empty when it did
     */
    record Outcome(String report, String failure) {}

    /** Runs it, cancels it once its execution runs, and says how the run and the execution ended. */
    static Outcome run(LocalStack stack, TemporalSession session) throws InterruptedException {
        BuildSpec sample = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
        try (var sfn = SfnClient.builder().region(Region.of(stack.config().region())).endpointOverride(stack.aws().awsEndpoint())
                .credentialsProvider(stack.aws().credentials(sample.account())).httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String stateMachine = sfn.createStateMachine(create -> create.name(STATE_MACHINE)
                    .roleArn(stack.aws().account(sample.account()).executionRoleArn())
                    .definition("{\"StartAt\":\"Refresh\",\"States\":{\"Refresh\":{\"Type\":\"Wait\",\"Seconds\":86400,\"End\":true}}}"))
                    .stateMachineArn();
            var spec = new BuildSpec(sample.account(), sample.modelPackageGroup(), sample.description(), sample.flow(),
                    sample.inputs(), sample.processing(), sample.training(), sample.evaluation(), sample.executionRoleArn(),
                    sample.tags(), new PreStepSpec(stateMachine, "{\"refresh\":\"applications\"}"), sample.jobs(), false,
                    sample.promotion());
            String workflowId = WorkflowIds.build(spec.modelPackageGroup(), RUN_KEY);
            new RunStarter(session.client(), session.taskQueue()).start(SluiceWorkflowType.BUILD_MODEL, workflowId,
                    spec.modelPackageGroup(), "Cancelled build of the AWS check", "", new BuildRequest(spec, RUN_KEY,
                            LocalApprovers.DATA_SCIENTIST.userName(), stack.startProof(LocalApprovers.DATA_SCIENTIST, workflowId), null));
            var run = session.client().newUntypedWorkflowStub(workflowId);
            try {
                ExecutionListItem execution = awaitExecution(sfn, stateMachine);
                run.cancel("the AWS check cancels it while its pre-step runs");
                try {
                    run.getResult(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS, Object.class);
                } catch (WorkflowException cancelled) {
                    // The cancellation it was asked for; the status below says how it ended.
                } catch (TimeoutException stillRunning) {
                    // Said below.
                }
                String runStatus = run.describe().getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
                String executionStatus = sfn.describeExecution(describe -> describe.executionArn(execution.executionArn()))
                        .statusAsString();
                String report = workflowId + " cancelled during its pre-step: the run ended " + runStatus + ", execution "
                        + execution.name() + " is " + executionStatus;
                boolean stopped = runStatus.equals("CANCELED") && executionStatus.equals("ABORTED");
                return new Outcome(report, stopped ? "" : report + "; expected CANCELED and ABORTED");
            } finally {
                if (run.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                    run.terminate("the AWS check's cancellation did not end it within " + CLOSE_WAIT);
                }
            }
        }
    }

    /** The pre-step's execution once the build has started it; fails after {@link #START_WAIT}. */
    private static ExecutionListItem awaitExecution(SfnClient sfn, String stateMachine) throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var executions = sfn.listExecutions(list -> list.stateMachineArn(stateMachine)).executions();
            if (!executions.isEmpty()) {
                return executions.get(0);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the build did not start its pre-step's execution within " + START_WAIT);
    }
}
