package io.sluice.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.workflows.ActivitySteps;
import io.temporal.activity.ActivityInterface;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An exception an activity did not classify ends its step at once, unless it can pass with time. */
class ActivityFailureClassifierTest {
    private TestWorkflowEnvironment environment;
    private final FailingStep step = new FailingStep();

    @BeforeEach
    void start() {
        environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityFailureClassifier()).build())
                .build());
        var worker = environment.newWorker("probe");
        worker.registerWorkflowImplementationTypes(StepWorkflowImpl.class);
        worker.registerActivitiesImplementations(step);
        environment.start();
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    @Test
    void aConfigurationError_failsTheStepOnItsFirstAttempt_namingIt() {
        step.failure = () -> new IllegalArgumentException("no account with alias 'devv' in config; accounts are [dev, shared]");

        var failure = run();

        assertThat(step.attempts.get()).isEqualTo(1);
        var cause = (ApplicationFailure) failure.getCause();
        assertThat(cause.getType()).isEqualTo("sluice.InvalidInput");
        assertThat(cause.isNonRetryable()).isTrue();
        assertThat(cause.getOriginalMessage()).startsWith("activity ProbeRun failed: no account with alias 'devv'")
                .contains("not retried");
    }

    @Test
    void aDefect_failsTheStepOnItsFirstAttempt() {
        step.failure = () -> new IllegalStateException("manifest has no config");

        var failure = run();

        assertThat(step.attempts.get()).isEqualTo(1);
        assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("sluice.Unexpected");
    }

    @Test
    void aNetworkFailure_isRetriedUntilTheStepsBudgetRunsOut() {
        step.failure = () -> new UncheckedIOException(new ConnectException("connection refused"));

        var failure = run();

        assertThat(step.attempts.get()).isGreaterThan(5);
        assertThat(failure.getRetryState()).isEqualTo(RetryState.RETRY_STATE_TIMEOUT);
        assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("sluice.AwsUnavailable");
    }

    private ActivityFailure run() {
        var workflow = environment.getWorkflowClient().newWorkflowStub(StepWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue("probe").setWorkflowId("probe").build());
        var failed = catchThrowableOfType(WorkflowFailedException.class, workflow::run);
        return (ActivityFailure) failed.getCause();
    }

    @WorkflowInterface
    public interface StepWorkflow {
        @WorkflowMethod
        void run();
    }

    public static final class StepWorkflowImpl implements StepWorkflow {
        @Override
        public void run() {
            Workflow.newActivityStub(Probe.class, ActivitySteps.quick()).run();
        }
    }

    @ActivityInterface(namePrefix = "Probe")
    public interface Probe {
        void run();
    }

    static final class FailingStep implements Probe {
        final AtomicInteger attempts = new AtomicInteger();
        volatile java.util.function.Supplier<RuntimeException> failure;

        @Override
        public void run() {
            attempts.incrementAndGet();
            throw failure.get();
        }
    }
}
