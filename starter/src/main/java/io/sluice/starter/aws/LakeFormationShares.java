package io.sluice.starter.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * What a catalog's Lake Formation grants to other accounts let those accounts do through Glue,
 * as a resource policy. A cross-account grant is shared through AWS RAM, and the share acts as
 * the catalog's resource policy for the receiving account: its principals may then call Glue on
 * the granted databases and tables, as far as the grant's permissions go. Without a grant there
 * is no share, and a cross-account Glue call is denied however wide the caller's own policy.
 */
final class LakeFormationShares {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Glue actions each Lake Formation permission lets a grantee call. */
    private static final Map<String, List<String>> GLUE_ACTIONS = Map.of(
            "DESCRIBE", List.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
                    "glue:GetTableVersions", "glue:SearchTables"),
            "SELECT", List.of("glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions",
                    "glue:BatchGetPartition"),
            "CREATE_TABLE", List.of("glue:CreateTable"),
            "ALTER", List.of("glue:UpdateDatabase", "glue:UpdateTable"),
            "INSERT", List.of("glue:CreatePartition", "glue:BatchCreatePartition", "glue:UpdatePartition"),
            "DELETE", List.of("glue:DeletePartition", "glue:BatchDeletePartition"),
            "DROP", List.of("glue:DeleteDatabase", "glue:DeleteTable"));

    private LakeFormationShares() {}

    /**
     * The resource policy the cross-account grants among {@code permissions} (every grant of the
     * catalog of {@code owner}) amount to, or empty when there are none.
     */
    static Optional<String> policy(String region, String owner, List<PrincipalResourcePermissions> permissions) {
        Map<String, Statement> byAccount = new TreeMap<>();
        for (PrincipalResourcePermissions permission : permissions) {
            String grantee = permission.principal() == null ? null : permission.principal().dataLakePrincipalIdentifier();
            if (grantee == null || !grantee.matches("\\d{12}") || grantee.equals(owner) || permission.resource() == null) {
                continue;
            }
            Set<String> actions = new TreeSet<>();
            List<String> granted = permission.permissionsAsStrings().contains("ALL")
                    ? List.copyOf(GLUE_ACTIONS.keySet()) : permission.permissionsAsStrings();
            granted.forEach(name -> actions.addAll(GLUE_ACTIONS.getOrDefault(name, List.of())));
            if (actions.isEmpty()) {
                continue;
            }
            Statement statement = byAccount.computeIfAbsent(grantee, account -> new Statement());
            statement.actions.addAll(actions);
            statement.resources.addAll(resources(region, owner, permission.resource()));
        }
        if (byAccount.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        byAccount.forEach((account, statement) -> {
            if (statement.resources.isEmpty()) {
                return;
            }
            ObjectNode node = statements.addObject().put("Sid", "LakeFormationGrantsTo" + account).put("Effect", "Allow");
            node.putObject("Principal").put("AWS", "arn:aws:iam::" + account + ":root");
            statement.actions.forEach(node.putArray("Action")::add);
            statement.resources.forEach(node.putArray("Resource")::add);
        });
        return statements.isEmpty() ? Optional.empty() : Optional.of(document.toString());
    }

    /** The Glue ARNs a grant on {@code resource} reaches: the catalog, and the databases and tables it covers. */
    private static List<String> resources(String region, String owner, Resource resource) {
        String catalog = "arn:aws:glue:" + region + ":" + owner + ":";
        if (resource.database() != null) {
            String database = resource.database().name();
            return List.of(catalog + "catalog", catalog + "database/" + database, catalog + "table/" + database + "/*");
        }
        if (resource.table() != null) {
            String database = resource.table().databaseName();
            String table = resource.table().tableWildcard() != null || resource.table().name() == null ? "*"
                    : resource.table().name();
            return List.of(catalog + "catalog", catalog + "database/" + database, catalog + "table/" + database + "/" + table);
        }
        if (resource.tableWithColumns() != null) {
            String database = resource.tableWithColumns().databaseName();
            return List.of(catalog + "catalog", catalog + "database/" + database,
                    catalog + "table/" + database + "/" + resource.tableWithColumns().name());
        }
        if (resource.lfTagPolicy() != null) {
            // Which databases and tables carry the tags is Lake Formation's to decide at each call.
            return List.of(catalog + "catalog", catalog + "database/*", catalog + "table/*/*");
        }
        return List.of();
    }

    private static final class Statement {
        final Set<String> actions = new TreeSet<>();
        final Set<String> resources = new TreeSet<>();
    }
}
