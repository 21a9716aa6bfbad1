package io.sluice.sandbox.proof;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One AWS call to evaluate against IAM policies, as Sluice made it.
 *
 * @param principalArn the caller: a role ({@code arn:aws:iam::<account>:role/<name>}) or its
 *     session ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>}); its account is the
 *     caller's account
 * @param action {@code service:Action} as the Service Authorization Reference names it, e.g.
 *     {@code s3:GetObject}
 * @param resourceArn the resource the call acts on; {@code *} for actions that take no resource
 *     (e.g. {@code ecr:GetAuthorizationToken}); for {@code sts:AssumeRole} the role to assume
 * @param resourceAccount the 12-digit account that owns the resource (S3 ARNs carry none); when it
 *     differs from the caller's account the call is cross-account
 * @param identityPolicies the policy documents (JSON) of the calling role, inline and attached
 * @param resourcePolicy the resource's policy document (JSON): bucket policy, repository policy,
 *     model package group policy, key policy, or for {@code sts:AssumeRole} the role's trust
 *     policy; empty when the resource has none
 * @param context the call's condition keys, e.g. {@code iam:PassedToService}, each with its
 *     values; {@code aws:PrincipalArn}, {@code aws:PrincipalAccount} and {@code aws:ResourceAccount}
 *     are derived from the other components unless given here
 */
public record IamRequest(
        String principalArn,
        String action,
        String resourceArn,
        String resourceAccount,
        List<String> identityPolicies,
        String resourcePolicy,
        Map<String, List<String>> context) {
    public IamRequest {
        Objects.requireNonNull(principalArn, "principalArn is null");
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(resourceArn, "resourceArn is null");
        Objects.requireNonNull(resourceAccount, "resourceAccount is null");
        identityPolicies = List.copyOf(identityPolicies);
        Objects.requireNonNull(resourcePolicy, "resourcePolicy is null");
        context = context.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }

    /** A call to a resource without a resource policy, with no condition keys. */
    public static IamRequest of(String principalArn, String action, String resourceArn, String resourceAccount,
            List<String> identityPolicies) {
        return new IamRequest(principalArn, action, resourceArn, resourceAccount, identityPolicies, "", Map.of());
    }

    /** This call, to a resource whose policy (or, for {@code sts:AssumeRole}, trust policy) is {@code policy}. */
    public IamRequest withResourcePolicy(String policy) {
        return new IamRequest(principalArn, action, resourceArn, resourceAccount, identityPolicies, policy, context);
    }

    /** This call with condition key {@code key} set to {@code values}, replacing any values it had. */
    public IamRequest withContext(String key, String... values) {
        var keys = new LinkedHashMap<>(context);
        keys.put(key, List.of(values));
        return new IamRequest(principalArn, action, resourceArn, resourceAccount, identityPolicies, resourcePolicy, keys);
    }

    public boolean hasResourcePolicy() {
        return !resourcePolicy.isEmpty();
    }
}
