package io.sluice.workflows;

import io.temporal.failure.ApplicationFailure;

/**
 * The {@code ApplicationFailure} types Sluice activities raise. The type string is what a workflow
 * (or a person reading the Web UI) sees; it is a wire contract.
 */
public enum FailureType {
    /** AWS throttled the call; retried with backoff. */
    THROTTLED("sluice.Throttled", true),
    /** AWS answered 5xx, or could not be reached; retried with backoff. */
    AWS_UNAVAILABLE("sluice.AwsUnavailable", true),
    /** Another writer changed the resource at the same time; retried. */
    CONCURRENT_MODIFICATION("sluice.ConcurrentModification", true),
    /** Access denied while a new role or policy may still be propagating; retried for a while. */
    ACCESS_DENIED_PROPAGATING("sluice.AccessDeniedPropagating", true),
    /** Access denied for longer than IAM takes to propagate: the role lacks a permission. */
    ACCESS_DENIED("sluice.AccessDenied", false),
    /** The request was invalid; retrying cannot help. */
    INVALID_REQUEST("sluice.InvalidRequest", false),
    /** An input the step needs does not exist. */
    NOT_FOUND("sluice.NotFound", false),
    /** An account quota or service limit was reached. */
    LIMIT_EXCEEDED("sluice.LimitExceeded", false),
    /** A resource with the step's name exists and differs from what the step would create. */
    CONFLICT("sluice.Conflict", false),
    /** A job, crawler, stack or execution that Sluice started ended in failure. */
    AWS_JOB_FAILED("sluice.AwsJobFailed", false),
    /** A notification webhook did not accept a reminder; retried. */
    WEBHOOK_FAILED("sluice.WebhookFailed", true),
    /** The run's input was refused before any AWS call. */
    INVALID_INPUT("sluice.InvalidInput", false),
    /** A proof of identity did not verify: unbound, stale, not for STS, or refused by STS. */
    IDENTITY_REFUSED("sluice.IdentityRefused", false),
    /** A gate refused a decision sent through the {@code decide} update; the reason says why. */
    DECISION_REFUSED("sluice.DecisionRefused", false),
    /** An activity failed in a way no classification knows: a defect or a configuration error, not retried. */
    UNEXPECTED("sluice.Unexpected", false);

    private final String type;
    private final boolean retryable;

    FailureType(String type, boolean retryable) {
        this.type = type;
        this.retryable = retryable;
    }

    /** The failure type string carried by the {@code ApplicationFailure}. */
    public String type() {
        return type;
    }

    /** Whether an activity failing with this type is retried by its retry policy. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * A failure of this type with {@code message}, retryable as the type is: the one way Sluice makes
     * a failure, so no call site picks retryability apart from its type.
     */
    public ApplicationFailure failure(String message) {
        return retryable ? ApplicationFailure.newFailure(message, type) : ApplicationFailure.newNonRetryableFailure(message, type);
    }

    /** {@link #failure(String)} caused by {@code cause}. */
    public ApplicationFailure failure(String message, Throwable cause) {
        return retryable ? ApplicationFailure.newFailureWithCause(message, type, cause)
                : ApplicationFailure.newNonRetryableFailureWithCause(message, type, cause);
    }

    /** Types that activity retry policies must not retry. */
    public static String[] nonRetryableTypes() {
        return java.util.Arrays.stream(values()).filter(t -> !t.retryable).map(FailureType::type).toArray(String[]::new);
    }
}
