package io.sluice.workflows.runs;

/** What a run of a Sluice workflow returns: the four workflow results implement it. */
public interface RunResult {
    /** How the run ended. */
    RunOutcome outcome();
}
