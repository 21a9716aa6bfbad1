package io.sluice.activities.dataproduct;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.dataproduct.DataProductActivities;
import io.sluice.workflows.dataproduct.Grant;
import io.sluice.workflows.dataproduct.ResourceLink;
import io.sluice.workflows.dataproduct.TableContract;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseIdentifier;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.AddLfTagsToResourceResponse;
import software.amazon.awssdk.services.lakeformation.model.LFTagError;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.ResourceType;
import software.amazon.awssdk.services.lakeformation.model.TableWildcard;

/**
 * The data mesh's catalog through Glue and Lake Formation (see {@link DataProductActivities}).
 * Tables are written by the producer into the governance catalog ({@code CatalogId} = the
 * governance account), as a producer granted on a central database does.
 */
public final class DataProductActivitiesImpl implements DataProductActivities {
    /**
     * The role Lake Formation reads registered locations as, made by deploy/aws/account-role.yaml
     * in the governance account. Lake Formation's service-linked role cannot reach the buckets of
     * other accounts, where a mesh's data lives.
     */
    static final String DATA_ACCESS_ROLE = "SluiceLakeFormationDataAccess";
    /** The group Lake Formation's compatibility grants go to: every IAM principal the account's policies allow. */
    static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

    private final AwsClients clients;
    private final CrawlerRuns crawlers;

    @Inject
    public DataProductActivitiesImpl(AwsClients clients) {
        this.clients = clients;
        this.crawlers = new CrawlerRuns(clients);
    }

    @Override
    public LfTagsResult ensureLfTags(LfTagsRequest request) {
        AwsAccount account = clients.account(request.account());
        LakeFormationClient lakeFormation = clients.client(request.account(), AwsServices.LAKE_FORMATION);
        Map<String, List<String>> tags = new TreeMap<>();
        List<String> created = new ArrayList<>();
        List<String> extended = new ArrayList<>();
        for (var wanted : new TreeMap<>(request.tags()).entrySet()) {
            String key = wanted.getKey();
            var operation = new AwsOperation(account, "lakeformation", "CreateLFTag", "LF-tag " + key);
            List<String> existing = tagValues(lakeFormation, account, key);
            if (existing.isEmpty() && CatalogCalls.create(operation, () -> lakeFormation.createLFTag(create -> create
                    .catalogId(account.id()).tagKey(key).tagValues(wanted.getValue())))) {
                created.add(key);
                existing = wanted.getValue();
            } else if (existing.isEmpty()) {
                existing = tagValues(lakeFormation, account, key);
            }
            Set<String> values = new LinkedHashSet<>(existing);
            List<String> missing = wanted.getValue().stream().filter(value -> !values.contains(value)).toList();
            if (!missing.isEmpty()) {
                AwsCalls.call(new AwsOperation(account, "lakeformation", "UpdateLFTag", "LF-tag " + key),
                        () -> lakeFormation.updateLFTag(update -> update.catalogId(account.id()).tagKey(key)
                                .tagValuesToAdd(missing)));
                values.addAll(missing);
                if (!created.contains(key)) {
                    extended.add(key);
                }
            }
            tags.put(key, List.copyOf(values));
        }
        return new LfTagsResult(tags, created, extended);
    }

    @Override
    public DatabaseResult ensureDatabase(DatabaseRequest request) {
        AwsAccount account = clients.account(request.account());
        GlueClient glue = clients.client(request.account(), AwsServices.GLUE);
        var operation = new AwsOperation(account, "glue", "CreateDatabase", "database " + request.database());
        Optional<Database> existing = database(glue, account, request.database());
        if (existing.isEmpty()) {
            boolean created = CatalogCalls.create(operation, () -> glue.createDatabase(create -> create
                    .databaseInput(DatabaseInput.builder()
                            .name(request.database())
                            .description(request.description())
                            .locationUri(request.locationUri())
                            .parameters(request.parameters())
                            .createTableDefaultPermissions(List.of())
                            .build())));
            if (created) {
                revokeIamAllowedPrincipals(account, request.database());
                return new DatabaseResult(request.database(), account.id(), true, false, request.parameters());
            }
            existing = database(glue, account, request.database());
        }
        Database database = existing.orElseThrow();
        if (database.targetDatabase() != null) {
            throw FailureType.CONFLICT.failure("database " + request.database() + " in account "
                    + account.describe() + " is a resource link to " + database.targetDatabase().catalogId() + ":"
                    + database.targetDatabase().databaseName() + ", not the product's database; remove the link or register "
                    + "the product in its governance account");
        }
        Map<String, String> parameters = new TreeMap<>(database.parameters());
        parameters.putAll(request.parameters());
        boolean same = parameters.equals(new TreeMap<>(database.parameters()))
                && request.description().equals(database.description() == null ? "" : database.description())
                && request.locationUri().equals(database.locationUri() == null ? "" : database.locationUri())
                && database.createTableDefaultPermissions().isEmpty();
        if (!same) {
            AwsCalls.call(new AwsOperation(account, "glue", "UpdateDatabase", "database " + request.database()),
                    () -> glue.updateDatabase(update -> update.name(request.database()).databaseInput(DatabaseInput.builder()
                            .name(request.database())
                            .description(request.description())
                            .locationUri(request.locationUri())
                            .parameters(parameters)
                            .createTableDefaultPermissions(List.of())
                            .build())));
        }
        revokeIamAllowedPrincipals(account, request.database());
        return new DatabaseResult(request.database(), account.id(), false, !same, parameters);
    }

    /**
     * Takes away the IAMAllowedPrincipals grants on the database and its tables, which a database
     * made with the account's default settings carries: while they stand, any IAM policy reaches the
     * data and Lake Formation's grants (and LF-tag sharing) decide nothing.
     */
    private void revokeIamAllowedPrincipals(AwsAccount account, String database) {
        LakeFormationClient lakeFormation = clients.client(account.alias(), AwsServices.LAKE_FORMATION);
        for (PrincipalResourcePermissions permission : permissions(account)) {
            if (permission.principal() == null || !IAM_ALLOWED_PRINCIPALS.equals(permission.principal().dataLakePrincipalIdentifier())
                    || !ProductGrants.concerns(permission, database, "", Map.of()) || permission.permissions().isEmpty()) {
                continue;
            }
            AwsCalls.call(new AwsOperation(account, "lakeformation", "RevokePermissions",
                            "IAMAllowedPrincipals on " + ProductGrants.describe(permission, Map.of()).resource()),
                    () -> lakeFormation.revokePermissions(revoke -> revoke.catalogId(account.id())
                            .principal(permission.principal()).resource(permission.resource())
                            .permissions(permission.permissions())));
        }
    }

    @Override
    public LocationResult registerLocation(LocationRequest request) {
        AwsAccount account = clients.account(request.account());
        LakeFormationClient lakeFormation = clients.client(request.account(), AwsServices.LAKE_FORMATION);
        String arn = ProductGrants.locationArn(request.locationUri());
        var describe = new AwsOperation(account, "lakeformation", "DescribeResource", arn);
        if (CatalogCalls.ifExists(describe, () -> lakeFormation.describeResource(d -> d.resourceArn(arn))).isPresent()) {
            return new LocationResult(arn, false);
        }
        boolean registered = CatalogCalls.create(new AwsOperation(account, "lakeformation", "RegisterResource", arn),
                () -> lakeFormation.registerResource(register -> register.resourceArn(arn).useServiceLinkedRole(false)
                        .roleArn("arn:aws:iam::" + account.id() + ":role/" + DATA_ACCESS_ROLE)));
        return new LocationResult(arn, registered);
    }

    @Override
    public GrantResult grantProducer(ProducerGrantRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount producer = clients.account(request.producerAccount());
        String locationArn = ProductGrants.locationArn(request.locationUri());
        Resource database = Resource.builder()
                .database(d -> d.catalogId(account.id()).name(request.database())).build();
        Resource tables = Resource.builder()
                .table(t -> t.catalogId(account.id()).databaseName(request.database()).tableWildcard(TableWildcard.builder().build()))
                .build();
        Resource location = Resource.builder()
                .dataLocation(l -> l.catalogId(account.id()).resourceArn(locationArn)).build();
        grant(account, producer, database, PRODUCER_DATABASE_PERMISSIONS, "database " + request.database());
        grant(account, producer, tables, PRODUCER_TABLE_PERMISSIONS, "tables of " + request.database());
        grant(account, producer, location, List.of("DATA_LOCATION_ACCESS"), "location " + locationArn);
        return new GrantResult(grantsTo(account, producer, permission -> ProductGrants.concerns(permission, request.database(),
                locationArn, Map.of())));
    }

    @Override
    public GrantResult grantOwnRoles(OwnRolesRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount catalog = clients.account(request.catalogAccount());
        Resource database = Resource.builder()
                .database(d -> d.catalogId(catalog.id()).name(request.database())).build();
        Resource tables = Resource.builder()
                .table(t -> t.catalogId(catalog.id()).databaseName(request.database())
                        .tableWildcard(TableWildcard.builder().build()))
                .build();
        Resource link = Resource.builder().database(d -> d.catalogId(account.id()).name(request.database())).build();
        List<String> roles = new ArrayList<>();
        roles.add(account.roleArn());
        request.roleArns().stream().filter(role -> !roles.contains(role)).forEach(roles::add);
        LakeFormationClient lakeFormation = clients.client(request.account(), AwsServices.LAKE_FORMATION);
        for (String role : roles) {
            grantWithin(lakeFormation, account, role, database, request.databasePermissions(),
                    "database " + catalog.id() + ":" + request.database());
            grantWithin(lakeFormation, account, role, tables, request.tablePermissions(),
                    "tables of " + catalog.id() + ":" + request.database());
            grantWithin(lakeFormation, account, role, link, List.of("DESCRIBE"), "resource link " + request.database());
            if (!request.locationUri().isEmpty()) {
                String locationArn = ProductGrants.locationArn(request.locationUri());
                grantWithin(lakeFormation, account, role, Resource.builder()
                                .dataLocation(l -> l.catalogId(catalog.id()).resourceArn(locationArn)).build(),
                        List.of("DATA_LOCATION_ACCESS"), "location " + locationArn);
            }
        }
        return new GrantResult(permissions(account).stream()
                .filter(permission -> permission.principal() != null
                        && roles.contains(permission.principal().dataLakePrincipalIdentifier()))
                .filter(permission -> ProductGrants.concerns(permission, request.database(),
                        request.locationUri().isEmpty() ? "" : ProductGrants.locationArn(request.locationUri()), Map.of()))
                .map(permission -> ProductGrants.describe(permission, aliasesById()))
                .toList());
    }

    private static void grantWithin(LakeFormationClient lakeFormation, AwsAccount account, String role, Resource resource,
            List<String> permissions, String what) {
        if (permissions.isEmpty()) {
            return;
        }
        AwsCalls.call(new AwsOperation(account, "lakeformation", "GrantPermissions", what + " to " + role),
                () -> lakeFormation.grantPermissions(grant -> grant
                        .principal(p -> p.dataLakePrincipalIdentifier(role))
                        .resource(resource)
                        .permissions(ProductGrants.permissions(permissions))));
    }

    @Override
    public ResourceLinkResult ensureResourceLink(ResourceLinkRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount target = clients.account(request.targetAccount());
        GlueClient glue = clients.client(request.account(), AwsServices.GLUE);
        var link = new ResourceLink(request.account(), request.name(), target.id(), request.targetDatabase());
        Optional<Database> existing = database(glue, account, request.name());
        if (existing.isEmpty()) {
            boolean created = CatalogCalls.create(new AwsOperation(account, "glue", "CreateDatabase",
                    "resource link " + request.name()), () -> glue.createDatabase(create -> create
                    .databaseInput(DatabaseInput.builder()
                            .name(request.name())
                            .targetDatabase(DatabaseIdentifier.builder()
                                    .catalogId(target.id())
                                    .databaseName(request.targetDatabase())
                                    .region(clients.settings().region())
                                    .build())
                            .build())));
            if (created) {
                return new ResourceLinkResult(link, true);
            }
            existing = database(glue, account, request.name());
        }
        DatabaseIdentifier pointsAt = existing.orElseThrow().targetDatabase();
        if (pointsAt == null || !target.id().equals(pointsAt.catalogId())
                || !request.targetDatabase().equals(pointsAt.databaseName())) {
            throw FailureType.CONFLICT.failure("database " + request.name() + " in account " + account.describe()
                    + (pointsAt == null ? " is a database of its own" : " links to " + pointsAt.catalogId() + ":"
                            + pointsAt.databaseName())
                    + ", not a resource link to " + target.id() + ":" + request.targetDatabase()
                    + "; remove or rename it, then register the product again");
        }
        return new ResourceLinkResult(link, false);
    }

    @Override
    public TablesResult ensureTables(TablesRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount catalog = clients.account(request.catalogAccount());
        GlueClient glue = clients.client(request.account(), AwsServices.GLUE);
        List<TableChange> changes = new ArrayList<>();
        for (TableContract table : request.tables()) {
            String resource = "table " + request.database() + "." + table.name() + " in catalog " + catalog.id();
            Optional<Table> existing = table(glue, account, catalog.id(), request.database(), table.name());
            if (existing.isEmpty()) {
                boolean created = CatalogCalls.create(new AwsOperation(account, "glue", "CreateTable", resource),
                        () -> glue.createTable(create -> create.catalogId(catalog.id()).databaseName(request.database())
                                .tableInput(GlueTables.input(table, Map.of()))));
                if (created) {
                    changes.add(new TableChange(table.name(), TableAction.CREATED, List.of(), List.of()));
                    continue;
                }
                existing = table(glue, account, catalog.id(), request.database(), table.name());
            }
            Table stored = existing.orElseThrow();
            TableContract previous = GlueTables.contract(stored);
            if (previous.equals(table)) {
                changes.add(new TableChange(table.name(), TableAction.UNCHANGED, previous.columns(), previous.partitionKeys()));
                continue;
            }
            AwsCalls.call(new AwsOperation(account, "glue", "UpdateTable", resource),
                    () -> glue.updateTable(update -> update.catalogId(catalog.id()).databaseName(request.database())
                            .tableInput(GlueTables.input(table, stored.parameters()))));
            changes.add(new TableChange(table.name(), TableAction.UPDATED, previous.columns(), previous.partitionKeys()));
        }
        return new TablesResult(changes);
    }

    @Override
    public CrawlerResult runCrawler(CrawlerRequest request) {
        return crawlers.run(request);
    }

    @Override
    public TagResult tagResources(TagRequest request) {
        AwsAccount account = clients.account(request.account());
        LakeFormationClient lakeFormation = clients.client(request.account(), AwsServices.LAKE_FORMATION);
        List<LFTagPair> pairs = new TreeMap<>(request.tags()).entrySet().stream()
                .map(tag -> LFTagPair.builder().catalogId(account.id()).tagKey(tag.getKey()).tagValues(tag.getValue()).build())
                .toList();
        Resource database = Resource.builder().database(d -> d.catalogId(account.id()).name(request.database())).build();
        addTags(lakeFormation, account, database, pairs, "database " + request.database());
        for (String table : request.tables()) {
            Resource resource = Resource.builder()
                    .table(t -> t.catalogId(account.id()).databaseName(request.database()).name(table)).build();
            addTags(lakeFormation, account, resource, pairs, "table " + request.database() + "." + table);
        }
        return new TagResult(databaseTags(lakeFormation, account, request.database()), request.tables());
    }

    @Override
    public GrantResult grantConsumer(ConsumerGrantRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount consumer = clients.account(request.consumerAccount());
        var expression = ProductGrants.expression(request.tags());
        Resource tables = Resource.builder().lfTagPolicy(policy -> policy.catalogId(account.id())
                .resourceType(ResourceType.TABLE).expression(expression)).build();
        Resource databases = Resource.builder().lfTagPolicy(policy -> policy.catalogId(account.id())
                .resourceType(ResourceType.DATABASE).expression(expression)).build();
        grant(account, consumer, tables, request.permissions(), "tables tagged " + new TreeMap<>(request.tags()));
        grant(account, consumer, databases, List.of("DESCRIBE"), "databases tagged " + new TreeMap<>(request.tags()));
        return new GrantResult(grantsTo(account, consumer, permission -> permission.resource().lfTagPolicy() != null
                && ProductGrants.concerns(permission, "", "", request.tags())));
    }

    @Override
    public ProductDescription describeProduct(DescribeRequest request) {
        AwsAccount governance = clients.account(request.governanceAccount());
        AwsAccount producer = clients.account(request.producerAccount());
        GlueClient glue = clients.client(request.governanceAccount(), AwsServices.GLUE);
        Optional<Database> found = database(glue, governance, request.database());
        if (found.isEmpty()) {
            return new ProductDescription(false, request.database(), governance.id(), "", "", Map.of(), List.of(), Map.of(),
                    List.of(), List.of());
        }
        Database database = found.get();
        String locationUri = database.locationUri() == null ? "" : database.locationUri();
        List<TableContract> tables = tables(clients.client(request.producerAccount(), AwsServices.GLUE), producer,
                governance.id(), request.database());
        LakeFormationClient lakeFormation = clients.client(request.governanceAccount(), AwsServices.LAKE_FORMATION);
        Map<String, String> tags = databaseTags(lakeFormation, governance, request.database());
        String locationArn = locationUri.startsWith("s3://") ? ProductGrants.locationArn(locationUri) : "";
        List<Grant> grants = permissions(governance).stream()
                .filter(permission -> ProductGrants.concerns(permission, request.database(), locationArn, tags))
                .map(permission -> ProductGrants.describe(permission, aliasesById()))
                .toList();
        List<ResourceLink> links = new ArrayList<>();
        for (String alias : request.linkAccounts()) {
            AwsAccount account = clients.account(alias);
            database(clients.client(alias, AwsServices.GLUE), account, request.database())
                    .map(Database::targetDatabase)
                    .ifPresent(target -> links.add(new ResourceLink(alias, request.database(), target.catalogId(),
                            target.databaseName())));
        }
        return new ProductDescription(true, request.database(), governance.id(),
                database.description() == null ? "" : database.description(), locationUri, database.parameters(), tables, tags,
                grants, links);
    }

    static Optional<Database> database(GlueClient glue, AwsAccount account, String name) {
        return CatalogCalls.ifExists(new AwsOperation(account, "glue", "GetDatabase", "database " + name),
                () -> glue.getDatabase(get -> get.name(name)).database());
    }

    static Optional<Table> table(GlueClient glue, AwsAccount account, String catalogId, String database, String name) {
        return CatalogCalls.ifExists(new AwsOperation(account, "glue", "GetTable",
                        "table " + database + "." + name + " in catalog " + catalogId),
                () -> glue.getTable(get -> get.catalogId(catalogId).databaseName(database).name(name)).table());
    }

    /** The tables of {@code database} in {@code catalogId}, as contracts, read as {@code account}. */
    static List<TableContract> tables(GlueClient glue, AwsAccount account, String catalogId, String database) {
        return CatalogCalls.ifExists(new AwsOperation(account, "glue", "GetTables", "database " + database + " in catalog "
                        + catalogId),
                () -> glue.getTablesPaginator(get -> get.catalogId(catalogId).databaseName(database)).stream()
                        .flatMap(page -> page.tableList().stream())
                        .map(GlueTables::contract)
                        .sorted(java.util.Comparator.comparing(TableContract::name))
                        .toList())
                .orElse(List.of());
    }

    private List<String> tagValues(LakeFormationClient lakeFormation, AwsAccount account, String key) {
        return CatalogCalls.ifExists(new AwsOperation(account, "lakeformation", "GetLFTag", "LF-tag " + key),
                        () -> lakeFormation.getLFTag(get -> get.catalogId(account.id()).tagKey(key)).tagValues())
                .orElse(List.of());
    }

    private void grant(AwsAccount account, AwsAccount principal, Resource resource, List<String> permissions, String what) {
        AwsCalls.call(new AwsOperation(account, "lakeformation", "GrantPermissions", what + " to " + principal.describe()),
                () -> clients.client(account.alias(), AwsServices.LAKE_FORMATION).grantPermissions(grant -> grant
                        .catalogId(account.id())
                        .principal(p -> p.dataLakePrincipalIdentifier(principal.id()))
                        .resource(resource)
                        .permissions(ProductGrants.permissions(permissions))
                        // the account passes them on to its own roles (grantOwnRoles)
                        .permissionsWithGrantOption(ProductGrants.permissions(permissions))));
    }

    private List<Grant> grantsTo(AwsAccount account, AwsAccount principal, Predicate<PrincipalResourcePermissions> concerns) {
        return permissions(account).stream()
                .filter(permission -> permission.principal() != null
                        && principal.id().equals(permission.principal().dataLakePrincipalIdentifier()))
                .filter(concerns)
                .map(permission -> ProductGrants.describe(permission, aliasesById()))
                .toList();
    }

    /** Every permission in the account's catalog (the worker's role there is a Lake Formation administrator). */
    private List<PrincipalResourcePermissions> permissions(AwsAccount account) {
        LakeFormationClient lakeFormation = clients.client(account.alias(), AwsServices.LAKE_FORMATION);
        return AwsCalls.call(new AwsOperation(account, "lakeformation", "ListPermissions", "catalog " + account.id()),
                () -> lakeFormation.listPermissionsPaginator(list -> list.catalogId(account.id()))
                        .stream().flatMap(page -> page.principalResourcePermissions().stream()).toList());
    }

    private void addTags(LakeFormationClient lakeFormation, AwsAccount account, Resource resource, List<LFTagPair> pairs,
            String what) {
        var operation = new AwsOperation(account, "lakeformation", "AddLFTagsToResource", what);
        AddLfTagsToResourceResponse response = AwsCalls.call(operation,
                () -> lakeFormation.addLFTagsToResource(add -> add.catalogId(account.id()).resource(resource).lfTags(pairs)));
        if (!response.hasFailures() || response.failures().isEmpty()) {
            return;
        }
        boolean concurrent = response.failures().stream().allMatch(failure -> failure.error() != null
                && "ConcurrentModificationException".equals(failure.error().errorCode()));
        String message = "lakeformation AddLFTagsToResource on " + what + " in account " + account.describe() + " failed: "
                + String.join("; ", response.failures().stream().map(DataProductActivitiesImpl::describe).toList());
        if (concurrent) {
            throw FailureType.CONCURRENT_MODIFICATION.failure(message + ". Another change was in progress; Sluice retries.");
        }
        throw FailureType.INVALID_REQUEST.failure(message + ". Check that the LF-tags and values exist in the "
                + "catalog (ensureLfTags makes them) and that the resource exists.");
    }

    private static String describe(LFTagError failure) {
        String tag = failure.lfTag() == null ? "?" : failure.lfTag().tagKey() + "=" + failure.lfTag().tagValues();
        String error = failure.error() == null ? "unknown error" : failure.error().errorCode() + ": "
                + failure.error().errorMessage();
        return tag + ": " + error;
    }

    private Map<String, String> databaseTags(LakeFormationClient lakeFormation, AwsAccount account, String database) {
        var operation = new AwsOperation(account, "lakeformation", "GetResourceLFTags", "database " + database);
        Map<String, String> tags = new TreeMap<>();
        CatalogCalls.ifExists(operation, () -> lakeFormation.getResourceLFTags(get -> get.catalogId(account.id())
                        .resource(r -> r.database(d -> d.catalogId(account.id()).name(database)))))
                .filter(response -> response.hasLfTagOnDatabase())
                .ifPresent(response -> response.lfTagOnDatabase().forEach(pair -> {
                    if (!pair.tagValues().isEmpty()) {
                        tags.put(pair.tagKey(), pair.tagValues().get(0));
                    }
                }));
        return tags;
    }

    private Map<String, String> aliasesById() {
        Map<String, String> aliases = new TreeMap<>();
        new TreeMap<>(clients.settings().accounts()).forEach((alias, account) -> aliases.putIfAbsent(account.id(), alias));
        return aliases;
    }
}
