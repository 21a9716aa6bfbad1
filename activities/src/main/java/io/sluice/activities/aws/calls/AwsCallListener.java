package io.sluice.activities.aws.calls;

/**
 * Told of every AWS call the worker's clients make, before it is sent; must be thread-safe and
 * quick, since it runs on the calling thread. {@link #NONE} hears nothing.
 */
@FunctionalInterface
public interface AwsCallListener {
    AwsCallListener NONE = call -> { };

    void called(AwsCall call);
}
