package io.sluice.workflows.dataproduct;

import io.sluice.workflows.runs.RunResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Output of RegisterDataProduct: what the catalog holds for the product once registered.
 *
 * @param product {@code domain/name}
 * @param database the product's database in the governance catalog
 * @param catalogId the governance catalog (account id)
 * @param location the product's S3 location
 * @param version the version registered
 * @param previousVersion the version the catalog held before, empty for a new product
 * @param tables the product's tables as the catalog holds them
 * @param tags the LF-tags on the database (and its tables)
 * @param grants the grants on the product
 * @param resourceLinks the producer's and consumers' resource links
 * @param breakingChanges the breaking contract changes accepted ({@code allowBreakingChanges}), else empty
 * @param additions the columns and tables added to the contract
 * @param buildWorkflowId the BuildModel run started for the new version, or empty
 */
public record RegisterDataProductResult(
        DataProductOutcome outcome,
        String product,
        String database,
        String catalogId,
        String location,
        String version,
        String previousVersion,
        List<TableContract> tables,
        Map<String, String> tags,
        List<Grant> grants,
        List<ResourceLink> resourceLinks,
        List<String> breakingChanges,
        List<String> additions,
        String buildWorkflowId) implements RunResult {
    public RegisterDataProductResult {
        Objects.requireNonNull(outcome, "outcome is null");
        Objects.requireNonNull(product, "product is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(catalogId, "catalogId is null");
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(previousVersion, "previousVersion is null");
        tables = List.copyOf(tables);
        tags = Map.copyOf(tags);
        grants = List.copyOf(grants);
        resourceLinks = List.copyOf(resourceLinks);
        breakingChanges = List.copyOf(breakingChanges);
        additions = List.copyOf(additions);
        Objects.requireNonNull(buildWorkflowId, "buildWorkflowId is null");
    }
}
