package io.sluice.activities.build;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.build.CatalogTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a build's inputs that name a catalog table ({@code glue://<database>/<table>}, e.g. a
 * registered data product through the build account's resource link) to the table's S3 location.
 * S3 URIs pass unchanged.
 */
public final class CatalogInputs {
    private final AwsClients clients;

    public CatalogInputs(AwsClients clients) {
        this.clients = clients;
    }

    /** {@code inputs} with every catalog table replaced by its S3 location (as a prefix ending in {@code /}). */
    public Map<String, String> resolve(String buildAccount, Map<String, String> inputs) {
        Map<String, String> resolved = new LinkedHashMap<>();
        inputs.forEach((name, uri) -> resolved.put(name, uri.startsWith(CatalogTable.SCHEME) ? location(buildAccount, uri) : uri));
        return resolved;
    }

    private String location(String buildAccount, String uri) {
        CatalogTable catalogTable = CatalogTable.parse(uri, buildAccount).orElseThrow();
        String database = catalogTable.database();
        String table = catalogTable.table();
        String account = catalogTable.account();
        var operation = new AwsOperation(clients.account(account), "glue", "GetTable", "table " + database + "." + table);
        var described = AwsCalls.call(operation, () -> clients.client(account, AwsServices.GLUE)
                .getTable(get -> get.databaseName(database).name(table)).table());
        String location = described.storageDescriptor() == null ? null : described.storageDescriptor().location();
        if (location == null || !location.startsWith("s3://")) {
            throw FailureType.INVALID_INPUT.failure("table " + database + "." + table + " has no S3 location ("
                    + location + "); register the data product's location first");
        }
        return location.endsWith("/") ? location : location + "/";
    }
}
