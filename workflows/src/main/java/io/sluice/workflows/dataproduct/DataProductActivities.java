package io.sluice.workflows.dataproduct;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Glue Data Catalog and Lake Formation of a data mesh: the governance catalog, the producer
 * and the consumers. Every method is idempotent: what exists is compared with what is asked for
 * and kept, updated or refused ({@code sluice.Conflict}), so running a method twice leaves the
 * accounts as running it once. Concurrent modifications are retried.
 */
@ActivityInterface(namePrefix = "DataProduct")
public interface DataProductActivities {
    /** What the producer may do on the product's database. */
    List<String> PRODUCER_DATABASE_PERMISSIONS = List.of("CREATE_TABLE", "ALTER", "DESCRIBE");
    /** What the producer may do on the product's tables. */
    List<String> PRODUCER_TABLE_PERMISSIONS = List.of("ALTER", "DELETE", "DESCRIBE", "INSERT", "SELECT");

    /** Creates each LF-tag that is missing and adds the values an existing one lacks; never removes values. */
    LfTagsResult ensureLfTags(LfTagsRequest request);

    /**
     * Creates the database unless it exists, else updates its description, location and parameters
     * to the ones asked for; parameters the request does not name are kept.
     */
    DatabaseResult ensureDatabase(DatabaseRequest request);

    /** Registers the S3 location with Lake Formation (its data access role) unless it is registered. */
    LocationResult registerLocation(LocationRequest request);

    /**
     * Grants the producer account what it needs to create and maintain the product's tables: on the
     * database, on its tables and on the data location, each with the grant option so that the
     * producer can pass them on to its own roles.
     */
    GrantResult grantProducer(ProducerGrantRequest request);

    /**
     * In an account another catalog shared the product with (a producer or a consumer), grants the
     * account's own roles what the share gave the account: its worker role and {@code roleArns}
     * on the shared database, its tables and (for a producer) its data location, and DESCRIBE on
     * the account's resource link to it. A
     * grant to an account reaches none of its principals until the account grants them.
     */
    GrantResult grantOwnRoles(OwnRolesRequest request);

    /**
     * Creates, in {@code account}, a database named {@code name} that links to the target database
     * in the target account's catalog. A database of that name that is not such a link is a
     * {@code sluice.Conflict}.
     */
    ResourceLinkResult ensureResourceLink(ResourceLinkRequest request);

    /**
     * Creates or updates each table of the contract in the catalog's database, acting as
     * {@code account}; returns, per table, what it was before. Tables not in the request are left
     * as they are.
     */
    TablesResult ensureTables(TablesRequest request);

    /**
     * Creates the crawler unless it exists (updating one that differs), starts a crawl unless one
     * that started at or after {@code notBeforeEpochMilli} is running or finished, waits for it with
     * heartbeats, then reads the database's tables and checks them against {@code expectedTables}
     * (or, with none, that there is at least one). A failed crawl, or tables that miss the
     * expectations, raise a non-retryable {@code sluice.AwsJobFailed}.
     */
    CrawlerResult runCrawler(CrawlerRequest request);

    /** Puts the LF-tags on the database and on each table; tags already there are kept. */
    TagResult tagResources(TagRequest request);

    /**
     * Grants the consumer account, through LF-tag policies on the product's tags: the permissions on
     * the tables, and DESCRIBE on the database (what a resource link needs).
     */
    GrantResult grantConsumer(ConsumerGrantRequest request);

    /**
     * What the catalog holds for the product: the database and its parameters, its tables as
     * contracts, its LF-tags, the grants on it, and which of {@code linkAccounts} have a resource
     * link to it. A product not registered yet is described with {@code exists = false}.
     */
    ProductDescription describeProduct(DescribeRequest request);

    /** @param tags each LF-tag key with the values it must offer */
    record LfTagsRequest(String account, Map<String, List<String>> tags) {
        public LfTagsRequest {
            Objects.requireNonNull(account, "account is null");
            tags = Map.copyOf(tags);
        }
    }

    /**
     * @param tags each requested key with all the values it now offers
     * @param created the keys created
     * @param extended the keys that were given values they lacked
     */
    record LfTagsResult(Map<String, List<String>> tags, List<String> created, List<String> extended) {
        public LfTagsResult {
            tags = Map.copyOf(tags);
            created = List.copyOf(created);
            extended = List.copyOf(extended);
        }
    }

    record DatabaseRequest(String account, String database, String description, String locationUri,
            Map<String, String> parameters) {
        public DatabaseRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(database, "database is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(locationUri, "locationUri is null");
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * @param catalogId the account id of the catalog that holds the database
     * @param parameters the database's parameters now
     */
    record DatabaseResult(String database, String catalogId, boolean created, boolean updated, Map<String, String> parameters) {
        public DatabaseResult {
            parameters = Map.copyOf(parameters);
        }
    }

    record LocationRequest(String account, String locationUri) {
        public LocationRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(locationUri, "locationUri is null");
        }
    }

    /** @param registered whether this call registered it (false: it already was) */
    record LocationResult(String resourceArn, boolean registered) {}

    /**
     * @param account the governance account, which grants
     * @param producerAccount the alias of the producer account, which is granted
     */
    record ProducerGrantRequest(String account, String database, String locationUri, String producerAccount) {
        public ProducerGrantRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(database, "database is null");
            Objects.requireNonNull(locationUri, "locationUri is null");
            Objects.requireNonNull(producerAccount, "producerAccount is null");
        }
    }

    /**
     * @param account the alias of the account whose roles are granted, by its own worker
     * @param catalogAccount the alias of the account whose catalog holds the shared database
     * @param database the shared database, and the name of the account's resource link to it
     * @param roleArns roles of the account granted besides its worker role (e.g. its crawler role)
     * @param locationUri the product's location, for a producer whose tables point into it; empty for a consumer
     */
    record OwnRolesRequest(String account, String catalogAccount, String database, List<String> roleArns,
            List<String> databasePermissions, List<String> tablePermissions, String locationUri) {
        public OwnRolesRequest {
            locationUri = locationUri == null ? "" : locationUri;
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(catalogAccount, "catalogAccount is null");
            Objects.requireNonNull(database, "database is null");
            roleArns = roleArns == null ? List.of() : List.copyOf(roleArns);
            databasePermissions = List.copyOf(databasePermissions);
            tablePermissions = List.copyOf(tablePermissions);
        }
    }

    /** @param grants the grants the principal now holds on what was granted */
    record GrantResult(List<Grant> grants) {
        public GrantResult {
            grants = List.copyOf(grants);
        }
    }

    /**
     * @param account the alias of the account the link is made in
     * @param name the link's database name
     * @param targetAccount the alias of the account whose catalog holds the target database
     */
    record ResourceLinkRequest(String account, String name, String targetAccount, String targetDatabase) {
        public ResourceLinkRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(targetAccount, "targetAccount is null");
            Objects.requireNonNull(targetDatabase, "targetDatabase is null");
        }
    }

    record ResourceLinkResult(ResourceLink link, boolean created) {}

    /**
     * @param account the alias of the account that writes the tables (the producer)
     * @param catalogAccount the alias of the account whose catalog holds the database (governance)
     */
    record TablesRequest(String account, String catalogAccount, String database, List<TableContract> tables) {
        public TablesRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(catalogAccount, "catalogAccount is null");
            Objects.requireNonNull(database, "database is null");
            tables = List.copyOf(tables);
        }
    }

    /** What {@link #ensureTables} did to a table. */
    enum TableAction {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * @param previousColumns the columns the table had before (empty when it was created)
     * @param previousPartitionKeys the partition keys the table had before
     */
    record TableChange(String table, TableAction action, List<Column> previousColumns, List<Column> previousPartitionKeys) {
        public TableChange {
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(action, "action is null");
            previousColumns = List.copyOf(previousColumns);
            previousPartitionKeys = List.copyOf(previousPartitionKeys);
        }
    }

    record TablesResult(List<TableChange> tables) {
        public TablesResult {
            tables = List.copyOf(tables);
        }
    }

    /**
     * @param account the alias of the account the crawler runs in (the producer)
     * @param crawler the crawler's name
     * @param roleArn the role the crawler runs as
     * @param database the database it writes to: the producer's resource link to the product
     * @param catalogAccount the alias of the account whose catalog holds the product's database
     * @param targetDatabase the product's database in that catalog
     * @param locationUri what it crawls
     * @param updateExistingTables whether it may change tables that exist (else schema changes are only logged)
     * @param expectedTables tables the crawl must have produced, with at least these columns
     * @param notBeforeEpochMilli a crawl started at or after this instant counts as this request's crawl
     */
    record CrawlerRequest(String account, String crawler, String roleArn, String database, String catalogAccount,
            String targetDatabase, String locationUri, boolean updateExistingTables, List<TableContract> expectedTables,
            long notBeforeEpochMilli) {
        public CrawlerRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(crawler, "crawler is null");
            Objects.requireNonNull(roleArn, "roleArn is null");
            Objects.requireNonNull(database, "database is null");
            Objects.requireNonNull(catalogAccount, "catalogAccount is null");
            Objects.requireNonNull(targetDatabase, "targetDatabase is null");
            Objects.requireNonNull(locationUri, "locationUri is null");
            expectedTables = List.copyOf(expectedTables);
        }
    }

    /**
     * @param lastCrawlStatus how the awaited crawl ended, as Glue says it
     * @param started whether this call started the crawl (false: it found one already started)
     * @param tables the database's tables after the crawl
     */
    record CrawlerResult(String crawler, String lastCrawlStatus, boolean started, List<TableContract> tables) {
        public CrawlerResult {
            tables = List.copyOf(tables);
        }
    }

    /**
     * @param account the governance account
     * @param tags each LF-tag key with the one value the resources carry
     */
    record TagRequest(String account, String database, List<String> tables, Map<String, String> tags) {
        public TagRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(database, "database is null");
            tables = List.copyOf(tables);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * @param databaseTags the LF-tags on the database now
     * @param tables the tables tagged
     */
    record TagResult(Map<String, String> databaseTags, List<String> tables) {
        public TagResult {
            databaseTags = Map.copyOf(databaseTags);
            tables = List.copyOf(tables);
        }
    }

    /**
     * @param account the governance account, which grants
     * @param consumerAccount the alias of the consumer account, which is granted
     * @param tags the product's LF-tags: the policy expression
     * @param permissions the table permissions
     */
    record ConsumerGrantRequest(String account, String consumerAccount, Map<String, String> tags, List<String> permissions) {
        public ConsumerGrantRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(consumerAccount, "consumerAccount is null");
            tags = Map.copyOf(tags);
            permissions = List.copyOf(permissions);
        }
    }

    /**
     * @param governanceAccount the alias of the account whose catalog holds the product
     * @param producerAccount the alias of the producer, through which tables are read
     * @param database the product's database
     * @param linkAccounts aliases of the accounts whose resource links to report
     */
    record DescribeRequest(String governanceAccount, String producerAccount, String database, List<String> linkAccounts) {
        public DescribeRequest {
            Objects.requireNonNull(governanceAccount, "governanceAccount is null");
            Objects.requireNonNull(producerAccount, "producerAccount is null");
            Objects.requireNonNull(database, "database is null");
            linkAccounts = List.copyOf(linkAccounts);
        }
    }

    /**
     * @param exists whether the database exists; when false every other field is empty
     * @param catalogId the governance catalog's id
     * @param parameters the database's parameters (business metadata, {@code sluice:version})
     * @param tables the database's tables, as contracts
     * @param tags the LF-tags on the database
     * @param grants the grants on the database, its tables, its location and the policies on its tags
     * @param resourceLinks the links found in the accounts asked about
     */
    record ProductDescription(boolean exists, String database, String catalogId, String description, String locationUri,
            Map<String, String> parameters, List<TableContract> tables, Map<String, String> tags, List<Grant> grants,
            List<ResourceLink> resourceLinks) {
        public ProductDescription {
            Objects.requireNonNull(database, "database is null");
            Objects.requireNonNull(catalogId, "catalogId is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(locationUri, "locationUri is null");
            parameters = Map.copyOf(parameters);
            tables = List.copyOf(tables);
            tags = Map.copyOf(tags);
            grants = List.copyOf(grants);
            resourceLinks = List.copyOf(resourceLinks);
        }

        /** The version recorded on the database, or empty. */
        public String recordedVersion() {
            return parameters.getOrDefault(DataProductMetadata.VERSION, "");
        }
    }
}
