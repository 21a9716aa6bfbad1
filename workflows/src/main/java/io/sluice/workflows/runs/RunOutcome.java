package io.sluice.workflows.runs;

/** How a run of a Sluice workflow ended: each workflow's outcome enum implements it. */
public interface RunOutcome {
    /** The outcome's name, as results and the CLI show it. */
    String name();

    /** Whether the run did what it was asked. */
    boolean succeeded();

    /** Whether the same workflow id may be asked for again after a run ended so; by default not. */
    default boolean startableAgain() {
        return false;
    }
}
