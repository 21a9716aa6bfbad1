package io.sluice.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.CallAttribution;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.ApprovalActivities;
import io.sluice.workflows.approval.Approvable;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.approval.Verdict;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Activities after a verified approval know who approved, so their role sessions can say so. */
class ApproverAttributionTest {
    static final String OFFICER = "arn:aws:sts::100000000001:assumed-role/AWSReservedSSO_GovernanceOfficer_1/jane@example.com";

    @Test
    void activitiesBeforeTheGateCarryNoApprover_afterItTheVerifiedOne() {
        var environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ApproverAttribution()).build())
                .build());
        try (environment) {
            SluiceSearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
            var worker = environment.newWorker("attribution");
            worker.registerWorkflowImplementationTypes(Gated.Impl.class);
            worker.registerActivitiesImplementations(new Steps.Impl(), new Policies(), new Sts());
            environment.start();
            Gated run = environment.getWorkflowClient().newWorkflowStub(Gated.class,
                    WorkflowOptions.newBuilder().setTaskQueue("attribution").setWorkflowId("deploy/attributed").build());
            WorkflowClient.start(run::run);
            for (int step = 0; step < 100 && run.approval().state() != GateState.OPEN; step++) {
                environment.sleep(Duration.ofMillis(1));
            }
            assertThat(run.approval().state()).as("the gate opened").isEqualTo(GateState.OPEN);
            var binding = new ProofBinding("deploy/attributed", "production", "APPROVE", "ok", "n1");
            run.decide(new Decision("", "ok", "", Verdict.APPROVE, new IdentityProof("https://sts/", Map.of(
                    ProofBinding.HEADER, binding.digest()), "", "n1")));

            List<String> seen = WorkflowStub.fromTyped(run).getResult(List.class);

            assertThat(seen).containsExactly("before: ", "after: jane@example.com");
        }
    }

    @WorkflowInterface
    public interface Gated extends Approvable {
        @WorkflowMethod
        List<String> run();

        final class Impl extends GatedWorkflow implements Gated {
            private final Steps steps = Workflow.newActivityStub(Steps.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

            @Override
            public List<String> run() {
                String before = steps.approvers();
                gate.open("production", io.sluice.workflows.approval.Requester.verified(VerifiedPrincipal.of(
                        "arn:aws:sts::100000000001:assumed-role/R/dana@example.com", "100000000001", "AROA:dana", "t")), Map.of());
                String after = steps.approvers();
                Workflow.await(Workflow::isEveryHandlerFinished);
                return List.of("before: " + before, "after: " + after);
            }
        }
    }

    @ActivityInterface(namePrefix = "Steps")
    public interface Steps {
        @ActivityMethod
        String approvers();

        final class Impl implements Steps {
            @Override
            public String approvers() {
                return String.join(",", CallAttribution.approvers());
            }
        }
    }

    static final class Policies implements ApprovalActivities {
        @Override
        public GatePolicy policy(PolicyRequest request) {
            return new GatePolicy(List.of("arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*/*"), 1, false,
                    Duration.ofDays(1), Duration.ZERO, IdentityMode.PROVEN);
        }

        @Override
        public ReminderSent remind(Reminder reminder) {
            return new ReminderSent(false);
        }
    }

    static final class Sts implements IdentityActivities {
        @Override
        public VerifiedPrincipal verify(ProofCheck check) {
            return VerifiedPrincipal.of(OFFICER, "100000000001", "AROA:jane", "2026-12-06T10:00:00Z");
        }
    }
}
