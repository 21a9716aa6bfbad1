package io.sluice.workflows;

/** Task queue names: wire contracts shared by workers and clients. */
public final class TaskQueues {
    /** Default task queue for every Sluice workflow and activity; config may name another. */
    public static final String DEFAULT = "sluice";

    private TaskQueues() {}
}
