package io.sluice.starter.bench;

import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.ApprovalActivities;
import io.sluice.workflows.approval.ApprovalState;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GatedWorkflow;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The workflows {@code sluice bench orchestration} runs: quick activities in a row, and runs that hold a real approval gate open. */
final class OrchestrationWorkloads {
    private OrchestrationWorkloads() {}

    @ActivityInterface(namePrefix = "Bench")
    public interface Quick {
        @ActivityMethod
        int next(int value);
    }

    /** Adds one, and counts its calls so that the benchmark can wait for them. */
    public static final class QuickActivity implements Quick {
        private final Semaphore calls = new Semaphore(0);

        @Override
        public int next(int value) {
            calls.release();
            return value + 1;
        }

        /** Waits until {@code count} more calls came in. */
        void awaitCalls(int count, Duration timeout) {
            try {
                if (!calls.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(count + " activity calls did not come within " + timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for activity calls", e);
            }
        }
    }

    @WorkflowInterface
    public interface Sequential {
        @WorkflowMethod(name = "BenchSequential")
        int run(int activities);
    }

    /** {@code activities} quick activities, one after the other. */
    public static final class SequentialImpl implements Sequential {
        @Override
        public int run(int activities) {
            Quick quick = Workflow.newActivityStub(Quick.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
            int value = 0;
            for (int i = 0; i < activities; i++) {
                value = quick.next(value);
            }
            return value;
        }
    }

    @WorkflowInterface
    public interface HeldGate extends Approvable {
        @WorkflowMethod(name = "BenchHeldGate")
        ApprovalState hold();
    }

    /** Opens Sluice's approval gate and waits at it, as a build, promotion or deployment does. */
    public static final class HeldGateImpl extends GatedWorkflow implements HeldGate {
        @Override
        public ApprovalState hold() {
            return gate.open("production-approval", "requester@example.com", Map.of("metric", "auc 0.91 >= 0.7"));
        }
    }

    /** The gate's policy: one approver, a week, no reminders; counts the gates that have opened. */
    public static final class Policies implements ApprovalActivities {
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public GatePolicy policy(PolicyRequest request) {
            opened.incrementAndGet();
            return new GatePolicy(List.of("governance-officer@example.com"), 1, false, Duration.ofDays(7), Duration.ZERO);
        }

        @Override
        public ReminderSent remind(Reminder reminder) {
            return new ReminderSent(false);
        }
    }
}
