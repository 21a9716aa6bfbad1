package io.sluice.workflows.dataproduct;

import io.sluice.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written fake of the catalog: it keeps databases, tables, tags, grants and links in memory,
 * so a second registration sees what the first made, and records the calls in order.
 */
final class FakeDataProductActivities implements DataProductActivities {
    static final Map<String, String> ACCOUNT_IDS = Map.of("governance", "100000000001", "producer", "100000000002",
            "dev", "100000000003");

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<OwnRolesRequest> ownRoleGrants = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> lfTags = new TreeMap<>();
    final Map<String, Map<String, String>> databases = new TreeMap<>();
    final Map<String, TableContract> tables = new TreeMap<>();
    final Map<String, String> databaseTags = new TreeMap<>();
    final Set<String> taggedTables = new LinkedHashSet<>();
    final Set<Grant> grants = new LinkedHashSet<>();
    final Map<String, ResourceLink> links = new TreeMap<>();
    final Set<String> registeredLocations = new LinkedHashSet<>();
    final List<String> crawlers = new CopyOnWriteArrayList<>();
    volatile List<TableContract> crawledTables = List.of();
    volatile String crawlFailure = "";

    @Override
    public synchronized LfTagsResult ensureLfTags(LfTagsRequest request) {
        calls.add("ensureLfTags");
        List<String> created = new ArrayList<>();
        new TreeMap<>(request.tags()).forEach((key, values) -> {
            if (lfTags.putIfAbsent(key, List.copyOf(values)) == null) {
                created.add(key);
            }
        });
        return new LfTagsResult(lfTags, created, List.of());
    }

    @Override
    public synchronized DatabaseResult ensureDatabase(DatabaseRequest request) {
        calls.add("ensureDatabase");
        Map<String, String> existing = databases.get(request.database());
        Map<String, String> parameters = new TreeMap<>(existing == null ? Map.of() : existing);
        parameters.putAll(request.parameters());
        databases.put(request.database(), parameters);
        return new DatabaseResult(request.database(), ACCOUNT_IDS.get(request.account()), existing == null,
                existing != null && !existing.equals(parameters), parameters);
    }

    @Override
    public synchronized LocationResult registerLocation(LocationRequest request) {
        calls.add("registerLocation");
        boolean added = registeredLocations.add(request.locationUri());
        return new LocationResult("arn:aws:s3:::" + request.locationUri().substring("s3://".length()).replaceAll("/$", ""), added);
    }

    @Override
    public synchronized GrantResult grantOwnRoles(OwnRolesRequest request) {
        calls.add("grantOwnRoles:" + request.account());
        List<Grant> made = new java.util.ArrayList<>();
        List<String> roles = new java.util.ArrayList<>();
        roles.add("arn:aws:iam::" + ACCOUNT_IDS.get(request.account()) + ":role/SluiceWorker");
        roles.addAll(request.roleArns());
        for (String role : roles) {
            made.add(new Grant(role, "", "TABLE", "tables of " + request.database(), request.tablePermissions()));
        }
        ownRoleGrants.add(request);
        return new GrantResult(made);
    }

    @Override
    public synchronized GrantResult grantProducer(ProducerGrantRequest request) {
        calls.add("grantProducer");
        String principal = ACCOUNT_IDS.get(request.producerAccount());
        List<Grant> made = List.of(
                new Grant(principal, request.producerAccount(), "DATABASE", "database " + request.database(),
                        List.of("CREATE_TABLE", "ALTER", "DESCRIBE")),
                new Grant(principal, request.producerAccount(), "DATA_LOCATION", "location " + request.locationUri(),
                        List.of("DATA_LOCATION_ACCESS")));
        grants.addAll(made);
        return new GrantResult(made);
    }

    @Override
    public synchronized ResourceLinkResult ensureResourceLink(ResourceLinkRequest request) {
        calls.add("ensureResourceLink " + request.account());
        var link = new ResourceLink(request.account(), request.name(), ACCOUNT_IDS.get(request.targetAccount()),
                request.targetDatabase());
        boolean created = links.put(request.account(), link) == null;
        return new ResourceLinkResult(link, created);
    }

    @Override
    public synchronized TablesResult ensureTables(TablesRequest request) {
        calls.add("ensureTables");
        List<TableChange> changes = new ArrayList<>();
        for (TableContract table : request.tables()) {
            TableContract previous = tables.put(table.name(), table);
            TableAction action = previous == null ? TableAction.CREATED
                    : previous.equals(table) ? TableAction.UNCHANGED : TableAction.UPDATED;
            changes.add(new TableChange(table.name(), action, previous == null ? List.of() : previous.columns(),
                    previous == null ? List.of() : previous.partitionKeys()));
        }
        return new TablesResult(changes);
    }

    @Override
    public synchronized CrawlerResult runCrawler(CrawlerRequest request) {
        calls.add("runCrawler");
        crawlers.add(request.crawler());
        if (!crawlFailure.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("crawler " + request.crawler() + " ended FAILED: " + crawlFailure,
                    FailureType.AWS_JOB_FAILED.type());
        }
        crawledTables.forEach(table -> tables.put(table.name(), table));
        return new CrawlerResult(request.crawler(), "SUCCEEDED", true, crawledTables);
    }

    @Override
    public synchronized TagResult tagResources(TagRequest request) {
        calls.add("tagResources");
        databaseTags.putAll(request.tags());
        taggedTables.addAll(request.tables());
        return new TagResult(databaseTags, request.tables());
    }

    @Override
    public synchronized GrantResult grantConsumer(ConsumerGrantRequest request) {
        calls.add("grantConsumer " + request.consumerAccount());
        String principal = ACCOUNT_IDS.get(request.consumerAccount());
        String expression = new TreeMap<>(request.tags()).toString();
        List<Grant> made = List.of(
                new Grant(principal, request.consumerAccount(), "LF_TAG_POLICY", "TABLE where " + expression,
                        request.permissions()),
                new Grant(principal, request.consumerAccount(), "LF_TAG_POLICY", "DATABASE where " + expression,
                        List.of("DESCRIBE")));
        grants.addAll(made);
        return new GrantResult(made);
    }

    @Override
    public synchronized ProductDescription describeProduct(DescribeRequest request) {
        calls.add("describeProduct");
        Map<String, String> parameters = databases.get(request.database());
        if (parameters == null) {
            return new ProductDescription(false, request.database(), "", "", "", Map.of(), List.of(), Map.of(), List.of(),
                    List.of());
        }
        List<ResourceLink> found = request.linkAccounts().stream().filter(links::containsKey).map(links::get).toList();
        return new ProductDescription(true, request.database(), ACCOUNT_IDS.get(request.governanceAccount()), "", "",
                parameters, List.copyOf(tables.values()), databaseTags, List.copyOf(grants), found);
    }
}
