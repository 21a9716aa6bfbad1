package io.sluice.workflows;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/** Starting the next stage of the lifecycle as a run of its own that outlives the one that started it. */
public final class ChildRuns {
    private ChildRuns() {}

    /**
     * Starts {@code type} as a child with id {@code workflowId} that is left running when this run
     * ends, and waits only until it has started: {@link FollowOn#STARTED}, or {@link FollowOn#BUSY}
     * when a run with that id is already going.
     *
     * @param summary what the child does and who started it, its static summary in the Web UI
     * @param start calls the child's workflow method asynchronously
     */
    public static <W> FollowOn startAbandoned(Class<W> type, String workflowId, String summary, Function<W, Promise<?>> start) {
        W child = Workflow.newChildWorkflowStub(type, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setStaticSummary(ActivitySteps.fit(summary))
                .setStaticDetails("Started by " + Workflow.getInfo().getWorkflowType() + " run `" + Workflow.getInfo().getWorkflowId()
                        + "`.")
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
        start.apply(child);
        try {
            Workflow.getWorkflowExecution(child).get();
            return FollowOn.STARTED;
        } catch (ChildWorkflowFailure alreadyStarted) {
            return FollowOn.BUSY;
        }
    }
}
