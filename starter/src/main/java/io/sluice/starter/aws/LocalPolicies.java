package io.sluice.starter.aws;

import io.sluice.activities.aws.AwsClients;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.sluice.sandbox.LocalAws;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The IAM policies as the local stack holds them: a role's identity policies (inline and attached)
 * and trust policy, read back through each account's IAM. What the templates created is what is
 * read, never what the code meant to create. Resource policies are {@link ResourcePolicies}'.
 */
final class LocalPolicies implements AutoCloseable {
    private final LocalAws localAws;
    private final Map<String, IamClient> iamClients = new ConcurrentHashMap<>();
    private final Map<String, String> aliasById;
    private final Map<String, List<String>> identity = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> trust = new ConcurrentHashMap<>();

    LocalPolicies(AwsClients clients, LocalAws localAws) {
        this.localAws = localAws;
        this.aliasById = new ConcurrentHashMap<>();
        clients.settings().accounts().forEach((alias, account) -> aliasById.putIfAbsent(account.id(), alias));
    }

    /** The alias of account {@code id}, if it is one of the config's. */
    Optional<String> alias(String accountId) {
        return Optional.ofNullable(aliasById.get(accountId));
    }

    /** The identity policy documents of role {@code roleArn}; none when the role does not exist. */
    List<String> identityPolicies(String roleArn) {
        return identity.computeIfAbsent(roleArn, arn -> {
            String alias = alias(arn.split(":")[4]).orElse(null);
            if (alias == null) {
                return List.of();
            }
            String roleName = arn.substring(arn.lastIndexOf('/') + 1);
            var iam = iam(alias);
            List<String> documents = new ArrayList<>();
            try {
                for (String name : iam.listRolePolicies(list -> list.roleName(roleName)).policyNames()) {
                    documents.add(decode(iam.getRolePolicy(get -> get.roleName(roleName).policyName(name)).policyDocument()));
                }
                for (var attached : iam.listAttachedRolePolicies(list -> list.roleName(roleName)).attachedPolicies()) {
                    var policy = iam.getPolicy(get -> get.policyArn(attached.policyArn())).policy();
                    documents.add(decode(iam.getPolicyVersion(get -> get.policyArn(policy.arn())
                            .versionId(policy.defaultVersionId())).policyVersion().document()));
                }
            } catch (AwsServiceException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            return List.copyOf(documents);
        });
    }

    /** The trust policy of role {@code roleArn}, if the role exists. */
    Optional<String> trustPolicy(String roleArn) {
        return trust.computeIfAbsent(roleArn, key -> alias(roleArn.split(":")[4]).flatMap(alias -> {
            try {
                String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
                return Optional.of(decode(iam(alias)
                        .getRole(get -> get.roleName(roleName)).role().assumeRolePolicyDocument()));
            } catch (AwsServiceException e) {
                return Optional.empty();
            }
        }));
    }

    /** IAM is global and outside what the worker's clients cover: read as the account's worker role. */
    private IamClient iam(String alias) {
        return iamClients.computeIfAbsent(alias, localAws::iam);
    }

    private static String decode(String document) {
        return document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        iamClients.values().forEach(IamClient::close);
    }
}
