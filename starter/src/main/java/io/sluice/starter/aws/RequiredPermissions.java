package io.sluice.starter.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.workflows.AwsAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What each role of the estate needs, as the lifecycle used it: per role, each IAM action with the
 * resource patterns it was used on. Resources are generalised where a run names them (object keys
 * under their first folder, job names, package and card versions), so the list reads as what a
 * platform team grants, not as one run's names.
 *
 * @param accounts the account ids the roles and resources are written with, by alias
 * @param roles per role ARN: its account alias and its actions, each with its resource patterns
 */
record RequiredPermissions(Map<String, String> accounts, Map<String, Role> roles) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Pattern S3_OBJECT = Pattern.compile("(arn:aws:s3:::[^/]+/[^/]+)/.+");
    private static final Pattern JOB = Pattern.compile("(arn:aws:sagemaker:[^:]+:\\d{12}:(?:processing|training)-job)/.+");
    private static final Pattern VERSIONED = Pattern.compile("(arn:aws:sagemaker:[^:]+:\\d{12}:model-package/[^/]+)/\\d+");
    private static final Pattern CARD = Pattern.compile("(arn:aws:sagemaker:[^:]+:\\d{12}:model-card/.+-v)\\d+");
    /** An endpoint's model or endpoint configuration, named per release ({@code <endpoint>-<stage>-v<version>-<digest>}). */
    private static final Pattern RELEASE = Pattern.compile("(arn:aws:sagemaker:[^:]+:\\d{12}:(?:model|endpoint-config)/.+-)v\\d+-[0-9a-f]{8}");
    /** A state machine's execution, named per run by the build that starts it. */
    private static final Pattern EXECUTION = Pattern.compile("(arn:aws:states:[^:]+:\\d{12}:execution:[^:]+):.+");
    /** A KMS key: its id is made by KMS, so each estate's differs; the pattern stands for the account's artifact key. */
    private static final Pattern KEY = Pattern.compile("(arn:aws:kms:[^:]+:\\d{12}:key)/[0-9a-f-]+");

    /** @param actions each action with the resource patterns it needs */
    record Role(String account, Map<String, Set<String>> actions) {
        Role {
            Objects.requireNonNull(account, "account is null");
            actions = Map.copyOf(actions);
        }
    }

    RequiredPermissions {
        accounts = Map.copyOf(accounts);
        roles = Map.copyOf(roles);
    }

    /** The permissions the check's findings record, generalised into patterns. */
    static RequiredPermissions of(List<CallCheck.RoleFindings> findings, Map<String, AwsAccount> accounts) {
        Map<String, String> ids = new TreeMap<>();
        accounts.forEach((alias, account) -> ids.put(alias, account.id()));
        Map<String, Role> roles = new LinkedHashMap<>();
        for (var role : findings) {
            Map<String, Set<String>> actions = new TreeMap<>();
            role.required.forEach((action, resources) -> actions.put(action, patterns(resources)));
            roles.put(role.roleArn, new Role(role.account, actions));
        }
        return new RequiredPermissions(ids, roles);
    }

    /** The pattern a platform team would grant for {@code resourceArn}. */
    static String pattern(String resourceArn) {
        for (Pattern generalised : List.of(S3_OBJECT, JOB, VERSIONED, CARD, RELEASE, KEY, EXECUTION)) {
            var matcher = generalised.matcher(resourceArn);
            if (matcher.matches()) {
                return matcher.group(1) + (generalised == CARD || generalised == RELEASE ? "*" : generalised == EXECUTION ? ":*" : "/*");
            }
        }
        return resourceArn;
    }

    private static Set<String> patterns(Set<String> resources) {
        Set<String> patterns = new TreeSet<>();
        resources.forEach(resource -> patterns.add(pattern(resource)));
        patterns.removeIf(pattern -> patterns.stream().anyMatch(other -> !other.equals(pattern) && other.endsWith("/*")
                && pattern.startsWith(other.substring(0, other.length() - 1))));
        return patterns;
    }

    /**
     * These permissions of the accounts {@code aliases} only: the roles of the other accounts are
     * left out, and so is every resource named with one of their ids (what a role of these accounts
     * needed in them), and an action left with no resource. What every estate needs, when the
     * local check ran with more accounts than every estate has.
     */
    RequiredPermissions forAccounts(Collection<String> aliases) {
        Map<String, String> kept = new TreeMap<>();
        accounts.forEach((alias, id) -> {
            if (aliases.contains(alias)) {
                kept.put(alias, id);
            }
        });
        Set<String> otherIds = new TreeSet<>(accounts.values());
        otherIds.removeAll(kept.values());
        Map<String, Role> roles = new LinkedHashMap<>();
        this.roles.forEach((roleArn, role) -> {
            if (!aliases.contains(role.account())) {
                return;
            }
            Map<String, Set<String>> actions = new TreeMap<>();
            role.actions().forEach((action, resources) -> {
                Set<String> inKept = new TreeSet<>(resources);
                inKept.removeIf(resource -> otherIds.stream().anyMatch(resource::contains));
                if (!inKept.isEmpty() || resources.isEmpty()) {
                    actions.put(action, inKept);
                }
            });
            roles.put(roleArn, new Role(role.account(), actions));
        });
        return new RequiredPermissions(kept, roles);
    }

    /**
     * These permissions for another estate: each account id replaced by the id {@code estate} gives
     * its alias (in ARNs and in the bucket names derived from it), the region replaced, and each
     * account's worker role replaced by the role {@code estate} names.
     *
     * @throws IllegalArgumentException naming an alias of these permissions that {@code estate} lacks
     */
    RequiredPermissions forEstate(Map<String, AwsAccount> estate, String fromRegion, String toRegion) {
        Map<String, String> ids = new TreeMap<>();
        Map<String, String> replacements = new LinkedHashMap<>();
        accounts.forEach((alias, id) -> {
            AwsAccount target = estate.get(alias);
            if (target == null) {
                throw new IllegalArgumentException("accounts." + alias + " is missing from the config; the required permissions name "
                        + "the accounts " + accounts.keySet());
            }
            ids.put(alias, target.id());
            replacements.put(id, target.id());
        });
        Map<String, Role> translated = new LinkedHashMap<>();
        roles.forEach((roleArn, role) -> {
            AwsAccount target = estate.get(role.account());
            String arn = translate(roleArn, replacements, fromRegion, toRegion);
            if (roleArn.endsWith(":role/SluiceWorker")) {
                arn = target.roleArn();
            }
            Map<String, Set<String>> actions = new TreeMap<>();
            role.actions().forEach((action, resources) -> {
                Set<String> patterns = new TreeSet<>();
                resources.forEach(resource -> patterns.add(translate(resource, replacements, fromRegion, toRegion)));
                actions.put(action, patterns);
            });
            translated.put(arn, new Role(role.account(), actions));
        });
        return new RequiredPermissions(ids, translated);
    }

    private static String translate(String text, Map<String, String> ids, String fromRegion, String toRegion) {
        String result = text.replace(":" + fromRegion + ":", ":" + toRegion + ":");
        for (var id : ids.entrySet()) {
            result = result.replace(id.getKey(), id.getValue());
        }
        return result;
    }

    void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    /** @throws IllegalArgumentException naming the file when it is not a required-permissions file */
    static RequiredPermissions read(Path file) throws IOException {
        try {
            var read = JSON.readValue(file.toFile(), new TypeReference<RequiredPermissions>() { });
            if (read.accounts() == null || read.roles() == null || read.roles().isEmpty()) {
                throw new IllegalArgumentException(file + " names no accounts or roles; expected what `sluice aws check` writes");
            }
            return read;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a required-permissions file (" + e.getOriginalMessage()
                    + "); expected what `sluice aws check` writes", e);
        }
    }
}
