package io.sluice.activities.dataproduct;

import io.sluice.workflows.S3Uri;
import io.sluice.workflows.dataproduct.Grant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.lakeformation.model.LFTag;
import software.amazon.awssdk.services.lakeformation.model.LFTagPolicyResource;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/** Lake Formation grants of a data product: which concern it, and how they read in words. */
final class ProductGrants {
    private ProductGrants() {}

    /** The ARN Lake Formation registers an S3 location under: {@code arn:aws:s3:::bucket/prefix}, no trailing slash. */
    static String locationArn(String locationUri) {
        S3Uri location = S3Uri.parse(locationUri);
        String key = location.key().replaceAll("/+$", "");
        return "arn:aws:s3:::" + location.bucket() + (key.isEmpty() ? "" : "/" + key);
    }

    /** An LF-tag expression matching resources that carry every one of {@code tags}. */
    static List<LFTag> expression(Map<String, String> tags) {
        return new TreeMap<>(tags).entrySet().stream()
                .map(tag -> LFTag.builder().tagKey(tag.getKey()).tagValues(tag.getValue()).build())
                .toList();
    }

    static List<Permission> permissions(List<String> names) {
        return names.stream().map(Permission::fromValue).toList();
    }

    /**
     * Whether {@code permission} is on the product: its database, its tables, its location, or an
     * LF-tag policy whose expression the product's {@code tags} satisfy.
     */
    static boolean concerns(PrincipalResourcePermissions permission, String database, String locationArn,
            Map<String, String> tags) {
        Resource resource = permission.resource();
        if (resource == null) {
            return false;
        }
        if (resource.database() != null) {
            return database.equals(resource.database().name());
        }
        if (resource.table() != null) {
            return database.equals(resource.table().databaseName());
        }
        if (resource.tableWithColumns() != null) {
            return database.equals(resource.tableWithColumns().databaseName());
        }
        if (resource.dataLocation() != null) {
            return !locationArn.isEmpty() && locationArn.equals(resource.dataLocation().resourceArn());
        }
        if (resource.lfTagPolicy() != null) {
            return !tags.isEmpty() && satisfies(resource.lfTagPolicy(), tags);
        }
        return false;
    }

    /** {@code permission} as a {@link Grant}; {@code aliases} maps account ids to aliases. */
    static Grant describe(PrincipalResourcePermissions permission, Map<String, String> aliases) {
        String principal = permission.principal() == null || permission.principal().dataLakePrincipalIdentifier() == null
                ? "" : permission.principal().dataLakePrincipalIdentifier();
        Resource resource = permission.resource();
        String type;
        String words;
        if (resource.database() != null) {
            type = "DATABASE";
            words = "database " + resource.database().name();
        } else if (resource.table() != null) {
            type = "TABLE";
            words = resource.table().tableWildcard() != null ? "tables of " + resource.table().databaseName()
                    : "table " + resource.table().databaseName() + "." + resource.table().name();
        } else if (resource.tableWithColumns() != null) {
            type = "TABLE";
            words = "columns of " + resource.tableWithColumns().databaseName() + "." + resource.tableWithColumns().name();
        } else if (resource.dataLocation() != null) {
            type = "DATA_LOCATION";
            words = "location " + resource.dataLocation().resourceArn();
        } else {
            type = "LF_TAG_POLICY";
            words = resource.lfTagPolicy().resourceTypeAsString() + " where " + expressionText(resource.lfTagPolicy());
        }
        return new Grant(principal, aliases.getOrDefault(principal, ""), type, words,
                permission.permissionsAsStrings().stream().distinct().toList());
    }

    private static boolean satisfies(LFTagPolicyResource policy, Map<String, String> tags) {
        if (!policy.hasExpression() || policy.expression().isEmpty()) {
            return false;
        }
        return policy.expression().stream()
                .allMatch(tag -> tags.containsKey(tag.tagKey()) && tag.tagValues().contains(tags.get(tag.tagKey())));
    }

    private static String expressionText(LFTagPolicyResource policy) {
        Map<String, String> terms = new TreeMap<>();
        policy.expression().forEach(tag -> terms.put(tag.tagKey(), String.join("|", tag.tagValues())));
        return terms.entrySet().stream().map(term -> term.getKey() + "=" + term.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
