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
import java.util.regex.Pattern;

/**
 * Checks recorded AWS calls as AWS would: each request against its operation's input shape in
 * AWS's service models, and each permission it needs against the calling role's identity
 * policies and the resource's policy as the local stack holds them.
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

    /**
     * Repositories outside the estate are AWS's own (Data Wrangler, the built-in algorithms): AWS
     * lets any account pull from them, so only the puller's identity policy decides.
     */
    /** A model package group, or a package in it: the group's resource policy governs both. */
    private static final Pattern MODEL_PACKAGE = Pattern.compile("arn:aws:sagemaker:[^:]+:\\d{12}:model-package(?:-group)?/([^/]+)(?:/.*)?");

    private static final String AWS_OWNED_REPOSITORY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",\
            "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"]}]}""";

    private final LocalPolicies policies;
    private final IamPolicyEvaluator evaluator;

    CallCheck(LocalPolicies policies, IamPolicyEvaluator evaluator) {
        this.policies = policies;
        this.evaluator = evaluator;
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
                findings.required.computeIfAbsent(permission.action(), action -> new TreeSet<>()).add(permission.resourceArn());
                evaluate(call, permission, findings);
            }
        }
        byRole.values().forEach(this::findUnusedGrants);
        return List.copyOf(byRole.values());
    }

    private void evaluate(AwsCall call, IamPermission permission, RoleFindings findings) {
        String resourceAccount = resourceAccount(permission, call.accountId());
        var request = new IamRequest(call.principalArn(), permission.action(), permission.resourceArn(), resourceAccount,
                policies.identityPolicies(call.principalArn()), resourcePolicy(permission, resourceAccount).orElse(""),
                call.context());
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
        String arn = permission.resourceArn();
        if (arn.startsWith("arn:aws:s3:::")) {
            String bucket = arn.substring("arn:aws:s3:::".length()).split("/", 2)[0];
            return policies.bucketOwner(bucket).orElse(callerAccount);
        }
        String[] parts = arn.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : callerAccount;
    }

    private Optional<String> resourcePolicy(IamPermission permission, String resourceAccount) {
        String arn = permission.resourceArn();
        if (permission.action().equals("sts:AssumeRole")) {
            return policies.trustPolicy(arn);
        }
        if (arn.startsWith("arn:aws:s3:::")) {
            return policies.bucketPolicy(resourceAccount, arn.substring("arn:aws:s3:::".length()).split("/", 2)[0]);
        }
        if (arn.startsWith("arn:aws:ecr:") && arn.contains(":repository/")) {
            if (policies.alias(resourceAccount).isEmpty()) {
                return Optional.of(AWS_OWNED_REPOSITORY_POLICY);
            }
            return policies.repositoryPolicy(resourceAccount, arn.substring(arn.indexOf(":repository/") + ":repository/".length()));
        }
        var modelPackage = MODEL_PACKAGE.matcher(arn);
        if (modelPackage.matches()) {
            return policies.modelPackageGroupPolicy(resourceAccount, modelPackage.group(1));
        }
        return Optional.empty();
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
