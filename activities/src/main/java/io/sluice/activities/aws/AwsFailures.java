package io.sluice.activities.aws;

import io.sluice.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The single mapping from AWS SDK exceptions, and from failed HTTP calls to AWS outside the SDK,
 * to Temporal {@link ApplicationFailure}s.
 *
 * <p>Throttling, 5xx answers, unreachable endpoints and concurrent modifications are retryable.
 * An access denial is retryable for the first {@link #ACCESS_DENIED_RETRY_ATTEMPTS} attempts of an
 * activity (a role or policy just created may take that long to propagate through IAM), then
 * non-retryable; so is a service's "Could not assume role" for a role it is handed. A refusal by
 * Lake Formation's own permissions is non-retryable at once. Validation errors, missing inputs, limits and conflicts are non-retryable. Every
 * message names the call, the account and what a person can do about it.
 */
public final class AwsFailures {
    /** Attempts during which an access denial is taken for IAM propagation and retried. */
    public static final int ACCESS_DENIED_RETRY_ATTEMPTS = 5;

    private static final Set<String> THROTTLING = Set.of(
            "throttling", "throttlingexception", "throttledexception", "requestthrottled", "requestthrottledexception",
            "toomanyrequestsexception", "provisionedthroughputexceededexception", "slowdown", "requestlimitexceeded",
            "bandwidthlimitexceeded", "priorrequestnotcomplete", "ec2throttledexception", "transactioninprogressexception");
    private static final Set<String> CONCURRENT = Set.of(
            "concurrentmodificationexception", "concurrentmodification", "operationaborted",
            "resourceinuseexception", "conflictexception");
    private static final Set<String> ACCESS_DENIED = Set.of(
            "accessdenied", "accessdeniedexception", "unauthorizedoperation", "unauthorizedexception",
            "authorizationerror");
    private static final Set<String> EXPIRED_CREDENTIALS = Set.of(
            "expiredtoken", "expiredtokenexception", "requestexpired", "requesttimetooskewed");
    private static final Set<String> NOT_FOUND = Set.of(
            "nosuchkey", "nosuchbucket", "nosuchupload", "notfound", "resourcenotfound", "resourcenotfoundexception",
            "entitynotfoundexception", "repositorynotfoundexception", "imagenotfoundexception",
            "nosuchentity", "statemachinedoesnotexist", "executiondoesnotexist", "layersnotfoundexception");
    private static final Set<String> LIMITS = Set.of(
            "limitexceededexception", "resourcelimitexceeded", "servicequotaexceededexception", "toomanybuckets",
            "limitexceeded", "entitytoolarge");
    private static final Set<String> CONFLICT = Set.of(
            "alreadyexistsexception", "resourcealreadyexistsexception", "repositoryalreadyexistsexception",
            "bucketalreadyexists", "entityalreadyexists", "executionalreadyexists", "imagealreadyexistsexception");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]*[\\w+=,@/-]");

    private AwsFailures() {}

    /**
     * Classifies {@code exception}, thrown by {@code operation} in the activity's {@code attempt}
     * (1 for the first).
     */
    public static ApplicationFailure classify(SdkException exception, AwsOperation operation, int attempt) {
        if (exception instanceof AwsServiceException service) {
            return classifyService(service, operation, attempt);
        }
        if (exception instanceof SdkClientException) {
            return failure(FailureType.AWS_UNAVAILABLE, operation, "could not reach AWS: " + exception.getMessage(),
                    "Sluice retries with backoff; if it persists check the network path and endpoint.", exception);
        }
        return failure(FailureType.INVALID_REQUEST, operation, exception.getMessage(),
                "Check the request's inputs.", exception);
    }

    /**
     * Classifies a failed HTTP call made outside the SDK (the registry protocol) as AWS's answers
     * are: unreachable, 5xx and 429 are retried; 401 and 403 are retried for the first
     * {@link #ACCESS_DENIED_RETRY_ATTEMPTS} attempts, in case a new repository policy or role is
     * still propagating, then are access denied; 404 is not found; 409 a conflict; 412 a concurrent
     * modification; anything else an invalid request.
     *
     * @param doing what the activity was doing, e.g. {@code copying <image> to <image>}
     * @param status the HTTP status, 0 when there was no answer
     * @param unreachableOrTransient whether the call had no answer or one that may pass (5xx, 429)
     * @param said what the call's failure says
     */
    public static ApplicationFailure classifyHttp(String doing, int status, boolean unreachableOrTransient, String said, int attempt,
            Exception cause) {
        String message = doing + ": " + said;
        if (status == 429) {
            return FailureType.THROTTLED.failure(message + "; retrying with backoff", cause);
        }
        if (unreachableOrTransient || status >= 500) {
            return FailureType.AWS_UNAVAILABLE.failure(message + "; retrying", cause);
        }
        if (status == 401 || status == 403) {
            if (attempt <= ACCESS_DENIED_RETRY_ATTEMPTS) {
                return FailureType.ACCESS_DENIED_PROPAGATING.failure(message + "; retrying in case a new repository policy or role"
                        + " is still propagating", cause);
            }
            return FailureType.ACCESS_DENIED.failure(message, cause);
        }
        FailureType type = switch (status) {
            case 404 -> FailureType.NOT_FOUND;
            case 409 -> FailureType.CONFLICT;
            case 412 -> FailureType.CONCURRENT_MODIFICATION;
            default -> FailureType.INVALID_REQUEST;
        };
        return type.failure(message, cause);
    }

    private static ApplicationFailure classifyService(AwsServiceException exception, AwsOperation operation, int attempt) {
        var details = exception.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String awsMessage = details == null || details.errorMessage() == null ? exception.getMessage() : details.errorMessage();
        int status = exception.statusCode();
        String said = (code.isEmpty() ? "HTTP " + status : code + " (HTTP " + status + ")") + ": " + awsMessage;
        String key = code.toLowerCase(Locale.ROOT);

        if (THROTTLING.contains(key) || exception.isThrottlingException() || status == 429) {
            return failure(FailureType.THROTTLED, operation, said,
                    "AWS is throttling this account; Sluice retries with backoff.", exception);
        }
        if (CONCURRENT.contains(key)) {
            return failure(FailureType.CONCURRENT_MODIFICATION, operation, said,
                    "Another change to the same resource was in progress; Sluice retries.", exception);
        }
        if (key.equals("preconditionfailed") || status == 412) {
            return failure(FailureType.CONCURRENT_MODIFICATION, operation, said,
                    "The resource changed since Sluice read it (the request was conditional on what it read); Sluice "
                            + "retries, reading it again.", exception);
        }
        if (EXPIRED_CREDENTIALS.contains(key) || exception.isClockSkewException()) {
            return failure(FailureType.AWS_UNAVAILABLE, operation, said,
                    "The session credentials expired or the clock is skewed; Sluice retries with fresh credentials.",
                    exception);
        }
        if (couldNotAssumeRole(key, awsMessage)) {
            return couldNotAssumeRole(exception, operation, said, awsMessage, attempt);
        }
        if (lakeFormationRefused(key, awsMessage)) {
            return failure(FailureType.ACCESS_DENIED, operation, said, "Lake Formation, not IAM, refused: make role "
                    + operation.account().roleArn() + " a data lake administrator in account " + operation.account().describe()
                    + " (Lake Formation's administrative roles), or grant it, with the grant option, what this call passes on: "
                    + operation.resource() + ".", exception);
        }
        if (ACCESS_DENIED.contains(key) || status == 403) {
            String advice = "Check that role " + operation.account().roleArn() + " allows " + operation.service() + ":"
                    + operation.action() + " on " + operation.resource() + " (deploy/aws has the policies).";
            if (attempt <= ACCESS_DENIED_RETRY_ATTEMPTS) {
                return failure(FailureType.ACCESS_DENIED_PROPAGATING, operation, said,
                        "Retrying in case a new role or policy is still propagating. " + advice, exception);
            }
            return failure(FailureType.ACCESS_DENIED, operation, said, advice, exception);
        }
        if (NOT_FOUND.contains(key) || status == 404) {
            return failure(FailureType.NOT_FOUND, operation, said,
                    "Check that " + operation.resource() + " exists in account " + operation.account().describe()
                            + " and in the configured region.", exception);
        }
        if (LIMITS.contains(key)) {
            return failure(FailureType.LIMIT_EXCEEDED, operation, said,
                    "Raise the quota in the account (Service Quotas) or free capacity, then start the run again.",
                    exception);
        }
        if (CONFLICT.contains(key) || status == 409) {
            return failure(FailureType.CONFLICT, operation, said,
                    "A resource with this name exists and differs from what Sluice would create; remove or rename it.",
                    exception);
        }
        if (status >= 500) {
            return failure(FailureType.AWS_UNAVAILABLE, operation, said,
                    "AWS answered with a server error; Sluice retries with backoff.", exception);
        }
        return failure(FailureType.INVALID_REQUEST, operation, said,
                "AWS refused the request as invalid; fix the input it names and start the run again.", exception);
    }

    /**
     * Lake Formation's own refusal: the role is neither a data lake administrator nor holds the
     * permission with the grant option. Granting that is a person's decision, so it is not retried.
     */
    private static boolean lakeFormationRefused(String key, String awsMessage) {
        return ACCESS_DENIED.contains(key) && awsMessage.toLowerCase(Locale.ROOT).contains("lake formation permission");
    }

    /**
     * SageMaker answers {@code ValidationException: Could not assume role} while the execution role
     * it is given is new to IAM, and keeps answering so if the role's trust policy leaves it out.
     */
    private static boolean couldNotAssumeRole(String key, String awsMessage) {
        return key.equals("validationexception") && awsMessage.toLowerCase(Locale.ROOT).contains("could not assume role");
    }

    private static ApplicationFailure couldNotAssumeRole(AwsServiceException exception, AwsOperation operation, String said,
            String awsMessage, int attempt) {
        Matcher role = ROLE_ARN.matcher(awsMessage);
        String advice = "Check that role " + (role.find() ? role.group() : "given to " + operation.service())
                + " exists and that its trust policy lets " + operation.service() + ".amazonaws.com assume it.";
        if (attempt <= ACCESS_DENIED_RETRY_ATTEMPTS) {
            return failure(FailureType.ACCESS_DENIED_PROPAGATING, operation, said,
                    "Retrying in case the role is still propagating through IAM. " + advice, exception);
        }
        return failure(FailureType.ACCESS_DENIED, operation, said, advice, exception);
    }

    private static ApplicationFailure failure(
            FailureType type, AwsOperation operation, String said, String advice, Exception cause) {
        String message = operation.describe() + " failed: " + said + ". " + advice;
        return type.failure(message, cause);
    }
}
