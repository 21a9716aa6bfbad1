package io.sluice.workflows;

/** The memo keys Sluice's runs carry, from the run that started them through every run they continue as. */
public final class SluiceMemo {
    /** The digest of the input a person asked for (SHA-256 of its JSON, without the proof of identity). */
    public static final String INPUT_DIGEST = "sluiceInputDigest";

    private SluiceMemo() {}
}
