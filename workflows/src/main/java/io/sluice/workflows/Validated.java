package io.sluice.workflows;

/**
 * A record that crosses Temporal (a workflow input, a spec inside one). Temporal deserializes it
 * again on every replay, so a check tightened in its constructor would stop runs already waiting
 * at a gate: its constructor only fills defaults, refuses nulls and copies collections, and
 * {@link #validate()} checks the values, where they enter (the CLI's spec reader) and once in the
 * run's first step ({@link InputChecks}).
 */
public interface Validated {
    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the first field that is wrong and what is expected
     */
    void validate();
}
