package io.sluice.starter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.IamPermission;
import io.sluice.sandbox.proof.IamDecision;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.sandbox.proof.IamRequest;
import io.sluice.sandbox.proof.RequestShapeValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks recorded AWS calls as AWS would: each request against its operation's input shape in
 * AWS's service models, and each permission it needs against the calling role's identity
 * policies and the resource's policy as the local stack holds them, including the KMS key
 * permissions S3 needs of the caller for encrypted objects ({@link S3KmsUse}).
 */
final class CallCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was found for one role of one account. */
    static final class RoleFindings {
        final String account;
        final String roleArn;
        int calls;
        final Set<String> denied = new TreeSet<>();
        final Set<String> invalid = new TreeSet<>();
        final Set<String> unchecked = new TreeSet<>();
        final Map<String, Set<String>> required = new TreeMap<>();
        final Set<String> unusedGrants = new TreeSet<>();

        RoleFindings(String account, String roleArn) {
            this.account = account;
            this.roleArn = roleArn;
        }
    }

    private final LocalPolicies policies;
    private final ResourcePolicies resourcePolicies;
    private final IamPolicyEvaluator evaluator;
    private final S3KmsUse kmsUse;

    CallCheck(LocalPolicies policies, ResourcePolicies resourcePolicies, IamPolicyEvaluator evaluator, String region) {
        this.policies = policies;
        this.resourcePolicies = resourcePolicies;
        this.evaluator = evaluator;
        this.kmsUse = new S3KmsUse(region, resourcePolicies::defaultKey);
    }

    /** The findings per role, in the order the roles first called. */
    List<RoleFindings> check(List<AwsCall> calls) {
        Map<String, RoleFindings> byRole = new LinkedHashMap<>();
        for (AwsCall call : calls) {
            RoleFindings findings = byRole.computeIfAbsent(call.principalArn(), arn -> new RoleFindings(call.account(), arn));
            findings.calls++;
            if (call.kind() == AwsCall.Kind.API) {
                RequestShapeValidator.validate(call.service(), call.operation(), call.request())
                        .forEach(violation -> findings.invalid.add(violation.toString()));
            }
            for (IamPermission permission : call.permissions()) {
                require(call, permission, call.context(), findings);
                kmsUse.of(call, permission).forEach(kms -> require(call, kms.permission(), kms.context(), findings));
            }
        }
        byRole.values().forEach(this::findUnusedGrants);
        return List.copyOf(byRole.values());
    }

    private void require(AwsCall call, IamPermission permission, Map<String, List<String>> context, RoleFindings findings) {
        findings.required.computeIfAbsent(permission.action(), action -> new TreeSet<>()).add(permission.resourceArn());
        String resourceAccount = resourceAccount(permission, call.accountId());
        var request = new IamRequest(call.principalArn(), permission.action(), permission.resourceArn(), resourceAccount,
                policies.identityPolicies(call.principalArn()), resourcePolicy(permission, resourceAccount).orElse(""),
                context);
        IamDecision decision;
        try {
            decision = evaluator.evaluate(request);
        } catch (IllegalArgumentException cannotEvaluate) {
            findings.unchecked.add(permission.action() + " on " + permission.resourceArn() + ": " + cannotEvaluate.getMessage());
            return;
        }
        if (!decision.allowed()) {
            findings.denied.add(call.operation() + " needs " + permission.action() + " on " + permission.resourceArn()
                    + (resourceAccount.equals(call.accountId()) ? "" : " (account " + resourceAccount + ")") + ": "
                    + decision.reason());
        }
    }

    private String resourceAccount(IamPermission permission, String callerAccount) {
        return resourcePolicies.owner(permission.resourceArn(), callerAccount);
    }

    private Optional<String> resourcePolicy(IamPermission permission, String resourceAccount) {
        if (permission.action().equals("sts:AssumeRole")) {
            return policies.trustPolicy(permission.resourceArn());
        }
        return resourcePolicies.of(permission.resourceArn(), resourceAccount);
    }

    /** Actions the role's policies allow by name (or pattern) that no call of the role used. */
    private void findUnusedGrants(RoleFindings findings) {
        Set<String> used = findings.required.keySet();
        for (String document : policies.identityPolicies(findings.roleArn)) {
            for (String granted : allowedActions(document)) {
                String pattern = "\\Q" + granted.toLowerCase().replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
                if (used.stream().noneMatch(action -> action.toLowerCase().matches(pattern))) {
                    findings.unusedGrants.add(granted);
                }
            }
        }
    }

    private static List<String> allowedActions(String document) {
        List<String> actions = new ArrayList<>();
        try {
            JsonNode statements = JSON.readTree(document).path("Statement");
            for (JsonNode statement : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                JsonNode action = statement.path("Action");
                if (action.isTextual()) {
                    actions.add(action.asText());
                }
                action.forEach(each -> actions.add(each.asText()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a policy of the local stack is not JSON: " + document, e);
        }
        return actions;
    }
}
