package io.sluice.starter.aws;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;

/**
 * The preflight of a real estate: AWS itself decides, for each role, whether its policies allow
 * what the lifecycle needs ({@code iam:SimulatePrincipalPolicy} with the required permissions, and
 * the resource policy of a resource in another account where the owner's worker can read it), and
 * whether the governance worker is a Lake Formation data lake administrator. Nothing is changed.
 */
final class AwsPreflight {
    static final AwsService<IamClientBuilder, IamClient> IAM = AwsService.of("iam", IamClient::builder);

    /**
     * Condition keys the lifecycle's calls carry that a simulation must be told: roles are passed
     * only to SageMaker, and the SDK always speaks TLS (the buckets deny anything else); the KMS
     * permissions needed are those S3 uses for the caller ({@code kms:ViaService}, added per request).
     */
    private static final Map<String, List<ContextEntry>> CONTEXT = Map.of(
            "iam:PassRole", List.of(context("iam:PassedToService", "sagemaker.amazonaws.com")));
    private static final ContextEntry SECURE_TRANSPORT = ContextEntry.builder().contextKeyName("aws:SecureTransport")
            .contextKeyType(ContextKeyTypeEnum.BOOLEAN).contextKeyValues("true").build();

    /** What AWS answered for one role. */
    static final class RoleResult {
        final String account;
        final String roleArn;
        int simulated;
        final Set<String> denied = new TreeSet<>();

        RoleResult(String account, String roleArn) {
            this.account = account;
            this.roleArn = roleArn;
        }
    }

    private final AwsClients clients;
    private final ResourcePolicies resourcePolicies;

    AwsPreflight(AwsClients clients) {
        this.clients = clients;
        this.resourcePolicies = new ResourcePolicies(clients);
    }

    /** Each role's simulation, in the order of {@code required}; the Lake Formation check is {@link #missingDataLakeAdmins()}. */
    List<RoleResult> simulate(RequiredPermissions required) {
        List<RoleResult> results = new ArrayList<>();
        required.roles().forEach((roleArn, role) -> {
            var result = new RoleResult(role.account(), roleArn);
            String accountId = clients.account(role.account()).id();
            IamClient iam = clients.client(role.account(), IAM);
            role.actions().forEach((action, patterns) -> {
                List<String> local = new ArrayList<>();
                for (String resource : keysFor(patterns, role)) {
                    String owner = resourcePolicies.owner(resource, accountId);
                    var policy = owner.equals(accountId) ? java.util.Optional.<String>empty() : resourcePolicies.of(resource, owner);
                    if (policy.isPresent()) {
                        evaluate(iam, result, request(roleArn, action, List.of(resource))
                                .resourcePolicy(policy.get()).resourceOwner("arn:aws:iam::" + owner + ":root").build());
                    } else {
                        local.add(resource);
                    }
                }
                if (!local.isEmpty()) {
                    evaluate(iam, result, request(roleArn, action, local).build());
                }
            });
            results.add(result);
        });
        return results;
    }

    /**
     * The governance account's worker must be a data lake administrator: it creates the mesh's
     * databases, tags and grants. Each finding names the account and role.
     */
    List<String> missingDataLakeAdmins() {
        List<String> missing = new ArrayList<>();
        var governance = clients.account("governance");
        var settings = clients.client("governance", io.sluice.activities.aws.AwsServices.LAKE_FORMATION)
                .getDataLakeSettings(get -> get.catalogId(governance.id())).dataLakeSettings();
        boolean admin = settings.dataLakeAdmins().stream().map(DataLakePrincipal::dataLakePrincipalIdentifier)
                .anyMatch(governance.roleArn()::equals);
        if (!admin) {
            missing.add("governance " + governance.roleArn() + " is not a Lake Formation data lake administrator of account "
                    + governance.id() + " (lakeformation:GetDataLakeSettings lists " + settings.dataLakeAdmins().stream()
                    .map(DataLakePrincipal::dataLakePrincipalIdentifier).toList() + "); run `sluice bootstrap`, which adds it");
        }
        return missing;
    }

    /**
     * {@code resources} with each KMS key pattern ({@code key/*}: key ids are the estate's own)
     * replaced by the keys that encrypt the buckets the role uses in that key's account; a pattern
     * no such bucket explains stays, and the simulation reports it.
     */
    private List<String> keysFor(Set<String> resources, RequiredPermissions.Role role) {
        List<String> resolved = new ArrayList<>();
        for (String resource : resources) {
            if (!resource.startsWith("arn:aws:kms:") || !resource.endsWith(":key/*")) {
                resolved.add(resource);
                continue;
            }
            String keyPrefix = resource.substring(0, resource.length() - 1);
            var keys = role.actions().entrySet().stream().filter(entry -> entry.getKey().startsWith("s3:"))
                    .flatMap(entry -> entry.getValue().stream())
                    .map(arn -> arn.substring("arn:aws:s3:::".length()).split("/", 2)[0]).distinct()
                    .flatMap(bucket -> resourcePolicies.defaultKey(bucket).stream())
                    .filter(key -> key.startsWith(keyPrefix)).distinct().toList();
            resolved.addAll(keys.isEmpty() ? List.of(resource) : keys);
        }
        return resolved;
    }

    private static SimulatePrincipalPolicyRequest.Builder request(String roleArn, String action, List<String> resources) {
        List<ContextEntry> context = new ArrayList<>(CONTEXT.getOrDefault(action, List.of()));
        if (action.startsWith("s3:")) {
            context.add(SECURE_TRANSPORT);
        }
        if (action.startsWith("kms:") && resources.stream().allMatch(resource -> resource.contains(":key/"))) {
            context.add(context("kms:ViaService", "s3." + resources.get(0).split(":")[3] + ".amazonaws.com"));
        }
        return SimulatePrincipalPolicyRequest.builder().policySourceArn(roleArn).actionNames(action).resourceArns(resources)
                .contextEntries(context);
    }

    private static void evaluate(IamClient iam, RoleResult result, SimulatePrincipalPolicyRequest request) {
        for (var page : iam.simulatePrincipalPolicyPaginator(request)) {
            for (EvaluationResult evaluation : page.evaluationResults()) {
                result.simulated++;
                String decision = evaluation.evalDecisionAsString();
                if (!"allowed".equals(decision)) {
                    result.denied.add(evaluation.evalActionName() + " on " + evaluation.evalResourceName() + ": " + decision
                            + (request.resourcePolicy() == null ? "" : " (with the resource policy of account "
                                    + request.resourceOwner().split(":")[4] + ")")
                            + (evaluation.missingContextValues().isEmpty() ? ""
                                    : "; the simulation lacked " + evaluation.missingContextValues()));
                }
            }
        }
    }

    private static ContextEntry context(String key, String value) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(value).build();
    }
}
