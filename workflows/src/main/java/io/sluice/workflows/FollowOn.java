package io.sluice.workflows;

/** What became of the next stage a run was asked to start once approved (a promotion, a deployment). */
public enum FollowOn {
    /** The spec did not ask for it, or the run was not approved. */
    NOT_REQUESTED,
    /** Started as a run of its own, which outlives this one. */
    STARTED,
    /**
     * Not started: a run with its id is going (another deployment of the endpoint, the same
     * promotion), and nothing queues behind it; start it again once that run ends.
     */
    BUSY;

    /** How results recorded before this field existed marked an id that was taken. */
    private static final String LEGACY_BUSY_SUFFIX = " (already running)";

    /**
     * How a result recorded before this field existed said it: an empty id, an id, or an id ending
     * in {@code " (already running)"}.
     */
    public static FollowOn fromLegacyId(String workflowId) {
        if (workflowId == null || workflowId.isEmpty()) {
            return NOT_REQUESTED;
        }
        return workflowId.endsWith(LEGACY_BUSY_SUFFIX) ? BUSY : STARTED;
    }

    /** The workflow id a result recorded before this field existed named, without its busy mark. */
    public static String legacyWorkflowId(String workflowId) {
        return workflowId == null ? "" : workflowId.replace(LEGACY_BUSY_SUFFIX, "");
    }
}
