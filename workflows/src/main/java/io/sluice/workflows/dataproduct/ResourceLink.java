package io.sluice.workflows.dataproduct;

import java.util.Objects;

/**
 * A Glue resource link: a database in one account that points at the product's database in the
 * governance catalog.
 *
 * @param account the alias of the account the link is in
 * @param name the link's database name
 * @param targetCatalogId the governance catalog (account id) the link points at
 * @param targetDatabase the database the link points at
 */
public record ResourceLink(String account, String name, String targetCatalogId, String targetDatabase) {
    public ResourceLink {
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(targetCatalogId, "targetCatalogId is null");
        Objects.requireNonNull(targetDatabase, "targetDatabase is null");
    }
}
