package io.sluice.activities.aws.calls;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkRequest;

/**
 * One AWS API call as the worker made it, with what IAM must allow for it.
 *
 * @param account the account alias of the client that made it
 * @param accountId that account's id
 * @param principalArn the role the call ran as (the account's role in config)
 * @param service the SDK's service name, e.g. {@code SageMaker}
 * @param operation the API operation, e.g. {@code CreateModelPackage}
 * @param permissions each IAM action the call needs and the resource it needs it on
 * @param context condition keys the call sets, e.g. {@code iam:PassedToService}
 * @param request the request as the SDK was given it, for checks against the service model; for a
 *     registry protocol call, the ECR API request that governs the same action
 * @param kind whether the worker called the API, spoke the registry protocol, or AWS acts for it
 */
public record AwsCall(
        String account,
        String accountId,
        String principalArn,
        String service,
        String operation,
        List<IamPermission> permissions,
        Map<String, List<String>> context,
        SdkRequest request,
        Kind kind) {
    /** How the call reached AWS. */
    public enum Kind {
        /** An API call of the SDK, checked against its service model. */
        API,
        /** A registry (OCI distribution) call, authorized as the ECR action named. */
        REGISTRY,
        /** What AWS does as a role the call handed over, e.g. a job pulling its image. */
        ON_BEHALF
    }

    public AwsCall {
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(accountId, "accountId is null");
        Objects.requireNonNull(principalArn, "principalArn is null");
        Objects.requireNonNull(service, "service is null");
        Objects.requireNonNull(operation, "operation is null");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions is null"));
        context = Map.copyOf(Objects.requireNonNull(context, "context is null"));
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(kind, "kind is null");
    }
}
