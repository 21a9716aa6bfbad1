package io.sluice.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the replay that checks the order catches that Temporal's replay lets through: two calls of one activity type swapped. */
class ReorderCheckingReplayerTest {

    @ActivityInterface
    public interface Copies {
        @ActivityMethod
        String copy(String what);
    }

    @WorkflowInterface
    public interface TwoCopies {
        @WorkflowMethod(name = "TwoCopies")
        String run();
    }

    @WorkflowInterface
    public interface TwoCopiesChanged {
        @WorkflowMethod(name = "TwoCopies")
        String run();
    }

    private static Copies copies() {
        return Workflow.newActivityStub(Copies.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    }

    /** The recorded code: the model, then the image. */
    public static class ModelThenImage implements TwoCopies {
        @Override
        public String run() {
            return copies().copy("model") + "," + copies().copy("image");
        }
    }

    /** A later change that swaps them: same types, same number of calls. */
    public static class ImageThenModel implements TwoCopiesChanged {
        @Override
        public String run() {
            return copies().copy("image") + "," + copies().copy("model");
        }
    }

    /** A later change that copies the same two, in the same order, with a grown input. */
    public static class ModelThenImageAgain implements TwoCopiesChanged {
        @Override
        public String run() {
            return copies().copy("model") + "," + copies().copy("image");
        }
    }

    /** A later change that copies something else second. */
    public static class ModelThenManifest implements TwoCopiesChanged {
        @Override
        public String run() {
            return copies().copy("model") + "," + copies().copy("manifest");
        }
    }

    @Test
    void replay_ofTwoSwappedCallsOfOneActivityType_passesTemporalsReplayButFailsTheReorderCheckingOne() throws Exception {
        WorkflowExecutionHistory history = record();

        assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(history, ImageThenModel.class))
                .as("Temporal's replay matches commands by type and position only").doesNotThrowAnyException();
        var failure = catchThrowableOfType(AssertionError.class,
                () -> ReorderCheckingReplayer.replay("two-copies", history, ImageThenModel.class));

        assertThat(failure).hasMessageContaining("two-copies: call 1 has the input the history recorded for call 2: the calls "
                        + "were reordered")
                .hasMessageContaining("recorded: activity Copy [\"model\"]")
                .hasMessageContaining("replayed: activity Copy [\"image\"]");
    }

    @Test
    void replay_ofTheSameCallsInTheSameOrder_passesWithNothingChanged() throws Exception {
        WorkflowExecutionHistory history = record();

        assertThat(ReorderCheckingReplayer.replay("two-copies", history, ModelThenImageAgain.class)).isEmpty();
    }

    @Test
    void replay_ofACallWhoseInputChanged_passesAndReportsIt() throws Exception {
        WorkflowExecutionHistory history = record();

        assertThat(ReorderCheckingReplayer.replay("two-copies", history, ModelThenManifest.class))
                .containsExactly("call 2 activity Copy: input changed since the history was recorded");
    }

    @Test
    void matches_acceptsAFieldAddedAsNullButNotAChangedOne() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var then = java.util.List.of(mapper.readTree("{\"uri\": \"s3://a/b\", \"parts\": [1, 2]}"));

        assertThat(ReorderCheckingReplayer.matches(then, java.util.List.of(mapper.readTree("{\"uri\": \"s3://a/b\", \"parts\": [1, 2], \"checksum\": null}"))))
                .isTrue();
        assertThat(ReorderCheckingReplayer.matches(then, java.util.List.of(mapper.readTree("{\"uri\": \"s3://a/c\", \"parts\": [1, 2]}"))))
                .isFalse();
        assertThat(ReorderCheckingReplayer.matches(then, java.util.List.of(mapper.readTree("{\"uri\": \"s3://a/b\", \"parts\": [1, 2], \"checksum\": \"x\"}"))))
                .isFalse();
        assertThat(ReorderCheckingReplayer.matches(then, java.util.List.of(mapper.readTree("{\"uri\": \"s3://a/b\"}")))).isFalse();
    }

    private static WorkflowExecutionHistory record() {
        try (var environment = TestWorkflowEnvironment.newInstance()) {
            var worker = environment.newWorker("copies");
            worker.registerWorkflowImplementationTypes(ModelThenImage.class);
            worker.registerActivitiesImplementations((Copies) what -> "copied " + what);
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();
            TwoCopies run = client.newWorkflowStub(TwoCopies.class,
                    WorkflowOptions.newBuilder().setTaskQueue("copies").setWorkflowId("two-copies").build());
            assertThat(run.run()).isEqualTo("copied model,copied image");
            return client.fetchHistory("two-copies");
        }
    }
}
