package io.sluice.starter.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.workflows.SluiceMemo;
import io.sluice.workflows.approval.ContinuedRuns;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code sluice history} and {@code sluice status} count what a person ran, not the runs a gate continued as. */
class RunHistoryTest {
    @WorkflowInterface
    public interface Continuing {
        @WorkflowMethod
        String run(int continuationsLeft);
    }

    public static final class ContinuingImpl implements Continuing {
        @Override
        public String run(int continuationsLeft) {
            Workflow.sleep(Duration.ofMinutes(1));
            if (continuationsLeft > 0) {
                ContinuedRuns.continueAsNew(continuationsLeft - 1);
            }
            return "done";
        }
    }

    @Test
    void aRunThatContinuedAsNew_isListedOnce_asTheRunItContinuedAs() {
        try (var environment = TestWorkflowEnvironment.newInstance()) {
            environment.newWorker("history").registerWorkflowImplementationTypes(ContinuingImpl.class);
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();
            for (int attempt = 0; attempt < 2; attempt++) {
                Continuing run = client.newWorkflowStub(Continuing.class,
                        WorkflowOptions.newBuilder().setTaskQueue("history").setWorkflowId("promote/continuing")
                                .setMemo(java.util.Map.of(SluiceMemo.INPUT_DIGEST, "digest-" + attempt)).build());
                WorkflowClient.start(run::run, 2);
                while (new ExecutionLists(client).of("promote/continuing").stream()
                        .anyMatch(info -> info.getStatus() == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)) {
                    environment.sleep(Duration.ofMinutes(1));
                }
            }

            var history = new RunHistory(client);
            assertThat(new ExecutionLists(client).of("promote/continuing")).as("two runs, each continued twice").hasSize(6);
            var all = new ExecutionLists(client).of("promote/continuing").stream()
                    .map(info -> RunStatusReader.instant(info.getStartTime())).sorted().toList();
            assertThat(history.runs("promote/continuing")).hasSize(2)
                    .allSatisfy(run -> assertThat(run.status()).isEqualTo("COMPLETED"))
                    .extracting(RunStatus::startedAt).as("each as started when its first run did, newest first")
                    .containsExactly(all.get(3), all.get(0));
            assertThat(history.earlierRuns("promote/continuing")).isEqualTo(1);
            assertThat(client.newUntypedWorkflowStub("promote/continuing").describe().getMemo(SluiceMemo.INPUT_DIGEST, String.class))
                    .as("the digest of what was asked for stays with the run it continued as").isEqualTo("digest-1");
        }
    }
}
