package io.sluice.starter;

/** The {@code sluice} command's exit codes; scripts rely on them. */
public final class ExitCodes {
    /** It worked. */
    public static final int OK = 0;
    /** The run failed, or was rejected. */
    public static final int RUN_FAILED = 1;
    /** Bad input: arguments, config or spec. */
    public static final int BAD_INPUT = 2;
    /** An approval gate refused the decision. */
    public static final int REFUSED = 3;
    /** Temporal cannot be reached, or the workflow does not exist. */
    public static final int UNREACHABLE_OR_NOT_FOUND = 4;

    private ExitCodes() {}
}
