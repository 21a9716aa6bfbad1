package io.sluice.workflows.dataproduct;

import io.sluice.workflows.ActivitySteps;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.InputChecks;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.approval.CancelRequest;
import io.sluice.workflows.approval.Canceller;
import io.sluice.workflows.approval.Requester;
import io.sluice.workflows.approval.Requesters;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildSpec;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The RegisterDataProduct orchestration; every catalog and Lake Formation call is an activity. */
public final class RegisterDataProductWorkflowImpl implements RegisterDataProductWorkflow {
    /** Prefix of the crawler a product's tables are discovered with: {@code sluice-<database>}. */
    static final String CRAWLER_PREFIX = "sluice-";
    /**
     * Change id: the producer and each consumer grant their own roles what the governance account
     * granted them (a grant to an account reaches none of its principals by itself).
     */
    static final String SHARES_WITH_ROLES = "shares-with-roles";
    /** Glue's limit on a crawler name. */
    static final int CRAWLER_NAME_LIMIT = 255;
    private static final String FIT_CRAWLER_NAME = "fit-crawler-name";

    private final DataProductActivities catalog = ActivitySteps.activities(DataProductActivities.class,
            ActivitySteps.quick());
    private final DataProductActivities crawling = ActivitySteps.activities(DataProductActivities.class,
            ActivitySteps.waiting(Duration.ofHours(6)));

    @Override
    public RegisterDataProductResult register(RegisterDataProductRequest request) {
        DataProductSpec spec = request.spec();
        String workflowId = Workflow.getInfo().getWorkflowId();
        InputChecks.checkOnce(request);
        Requester requester = Requesters.establish(request.requester(), request.requesterProof(), request.requesterPrincipal());
        String governance = spec.governanceAccount();
        String producer = spec.producerAccount();
        String database = spec.database();
        Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.DATA_PRODUCT.valueSet(spec.product()));
        List<String> linkAccounts = new ArrayList<>();
        linkAccounts.add(producer);
        spec.consumers().forEach(consumer -> linkAccounts.add(consumer.account()));
        var describe = new DataProductActivities.DescribeRequest(governance, producer, database, linkAccounts);

        ActivitySteps.enter("inspect", "Reading what the " + governance + " catalog holds for `" + database + "`");
        var before = catalog.describeProduct(describe);
        String previousVersion = before.exists() ? before.recordedVersion() : "";
        ContractChanges declared = ContractChanges.between(before.tables(), spec.tables());
        if (spec.discover() == TableDiscovery.contract && !declared.breaking().isEmpty() && !spec.allowBreakingChanges()) {
            Workflow.setCurrentDetails("Refused: version " + spec.version() + " breaks the contract: "
                    + String.join("; ", declared.breaking()));
            throw FailureType.INVALID_INPUT.failure("data product " + spec.product() + " " + spec.version()
                    + " breaks the contract of the tables in " + database + ": " + String.join("; ", declared.breaking())
                    + ". Nothing was changed. Keep those columns and types, or set allowBreakingChanges: true once the "
                    + "consumers are ready");
        }

        Map<String, String> tags = spec.tagValues();
        ActivitySteps.enter("lf-tags", "Ensuring LF-tags " + tags + " in " + governance);
        catalog.ensureLfTags(new DataProductActivities.LfTagsRequest(governance, spec.lfTags()));

        Map<String, String> metadata = DataProductMetadata.of(spec, workflowId, requester.name());
        ActivitySteps.enter("database", "Ensuring database `" + database + "` with its business metadata in " + governance);
        var ensured = catalog.ensureDatabase(new DataProductActivities.DatabaseRequest(governance, database,
                spec.description(), spec.location(), metadata));

        ActivitySteps.enter("location", "Registering " + spec.location() + " with Lake Formation");
        catalog.registerLocation(new DataProductActivities.LocationRequest(governance, spec.location()));

        ActivitySteps.enter("producer-grants", "Granting " + producer + " on `" + database + "` and " + spec.location());
        catalog.grantProducer(new DataProductActivities.ProducerGrantRequest(governance, database, spec.location(), producer));

        ActivitySteps.enter("producer-link", "Linking `" + database + "` into " + producer);
        catalog.ensureResourceLink(new DataProductActivities.ResourceLinkRequest(producer, database, governance, database));

        boolean sharesWithRoles = Workflow.getVersion(SHARES_WITH_ROLES, Workflow.DEFAULT_VERSION, 1) == 1;
        if (sharesWithRoles) {
            List<String> producerRoles = spec.discover() == TableDiscovery.crawler ? List.of(spec.crawlerRoleArn()) : List.of();
            ActivitySteps.enter("producer-roles", "Granting " + producer + "'s own roles what it was granted on `" + database + "`");
            catalog.grantOwnRoles(new DataProductActivities.OwnRolesRequest(producer, governance, database, producerRoles,
                    DataProductActivities.PRODUCER_DATABASE_PERMISSIONS, DataProductActivities.PRODUCER_TABLE_PERMISSIONS,
                    spec.location()));
        }

        ContractChanges changes;
        List<String> tableNames;
        if (spec.discover() == TableDiscovery.crawler) {
            String crawler = crawlerName(database);
            ActivitySteps.enter("crawl", "Crawling " + spec.location() + " with crawler `" + crawler + "` in " + producer);
            var crawled = crawling.runCrawler(new DataProductActivities.CrawlerRequest(producer, crawler,
                    spec.crawlerRoleArn(), database, governance, database, spec.location(), spec.allowBreakingChanges(),
                    spec.tables(), Workflow.currentTimeMillis()));
            changes = ContractChanges.between(before.tables(), crawled.tables());
            tableNames = crawled.tables().stream().map(TableContract::name).toList();
        } else {
            ActivitySteps.enter("tables", "Writing " + spec.tables().size() + " table(s) of the contract into `" + database + "` as "
                    + producer);
            var written = catalog.ensureTables(new DataProductActivities.TablesRequest(producer, governance, database,
                    spec.tables()));
            changes = ContractChanges.between(previousContracts(written, spec.tables()), spec.tables());
            tableNames = spec.tables().stream().map(TableContract::name).toList();
        }

        ActivitySteps.enter("tagging", "Tagging `" + database + "` and " + tableNames.size() + " table(s) with " + tags);
        catalog.tagResources(new DataProductActivities.TagRequest(governance, database, tableNames, tags));

        for (Consumer consumer : spec.consumers()) {
            ActivitySteps.enter("consumer-grants", "Granting " + consumer.account() + " " + consumer.permissions() + " on tables tagged "
                    + tags);
            catalog.grantConsumer(new DataProductActivities.ConsumerGrantRequest(governance, consumer.account(), tags,
                    consumer.permissions()));
        }
        for (Consumer consumer : spec.consumers()) {
            ActivitySteps.enter("consumer-links", "Linking `" + database + "` into " + consumer.account());
            catalog.ensureResourceLink(new DataProductActivities.ResourceLinkRequest(consumer.account(), database, governance,
                    database));
            if (sharesWithRoles) {
                ActivitySteps.enter("consumer-roles", "Granting " + consumer.account() + "'s worker " + consumer.permissions()
                        + " on the tables of `" + database + "`");
                catalog.grantOwnRoles(new DataProductActivities.OwnRolesRequest(consumer.account(), governance, database,
                        List.of(), List.of("DESCRIBE"), consumer.permissions(), ""));
            }
        }

        String buildWorkflowId = "";
        if (spec.retrains() && !spec.version().equals(previousVersion)) {
            ActivitySteps.enter("retrain", "Starting BuildModel for `" + spec.retrain().modelPackageGroup() + "` on version "
                    + spec.version() + (previousVersion.isEmpty() ? "" : " (was " + previousVersion + ")"));
            buildWorkflowId = startRetraining(spec, requester);
        }

        ActivitySteps.enter("record-version", "Recording version " + spec.version() + " on `" + database + "`");
        Map<String, String> versioned = new TreeMap<>(metadata);
        versioned.put(DataProductMetadata.VERSION, spec.version());
        catalog.ensureDatabase(new DataProductActivities.DatabaseRequest(governance, database, spec.description(),
                spec.location(), versioned));

        ActivitySteps.enter("verify", "Reading back what the catalog holds for `" + database + "`");
        var after = catalog.describeProduct(describe);
        ActivitySteps.enter("registered", "Data product **" + spec.product() + "** " + spec.version() + " registered: database `"
                + database + "`, " + after.tables().size() + " table(s), " + after.grants().size() + " grant(s)"
                + (buildWorkflowId.isEmpty() ? "." : "; retraining in " + buildWorkflowId + "."));
        return new RegisterDataProductResult(DataProductOutcome.REGISTERED, spec.product(), database, ensured.catalogId(),
                spec.location(), spec.version(), previousVersion, after.tables(), after.tags(), after.grants(),
                after.resourceLinks(), changes.breaking(), changes.additions(), buildWorkflowId);
    }

    /**
     * Starts BuildModel {@code build/<group>/<version>} as a child that outlives this run, and waits
     * only until it has started. A run of that id already started (by an earlier attempt of this
     * registration) counts as started.
     */
    private static String startRetraining(DataProductSpec spec, Requester requester) {
        BuildSpec build = spec.retrain();
        String buildWorkflowId = WorkflowIds.build(build.modelPackageGroup(), spec.version());
        BuildModelWorkflow child = Workflow.newChildWorkflowStub(BuildModelWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(buildWorkflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(SluiceSearchAttributes.STAGE, "queued")
                        .set(SluiceSearchAttributes.AWAITING_APPROVAL, false)
                        .set(SluiceSearchAttributes.MODEL_PACKAGE_GROUP, build.modelPackageGroup())
                        .set(SluiceSearchAttributes.DATA_PRODUCT, spec.product())
                        .build())
                .setStaticSummary(ActivitySteps.fit("Retrain " + build.modelPackageGroup() + " on data product " + spec.product() + " "
                        + spec.version() + ", requested by " + requester.name()))
                .setStaticDetails("Started by RegisterDataProduct run `" + Workflow.getInfo().getWorkflowId() + "`.")
                .build());
        Async.function(child::build, new BuildRequest(build, spec.version(), requester.name(), null, requester.principal()));
        try {
            Workflow.getWorkflowExecution(child).get();
        } catch (ChildWorkflowFailure e) {
            if (!(e.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
                throw e;
            }
        }
        return buildWorkflowId;
    }

    /**
     * {@code sluice-<database>}, shortened with a hash when longer than a crawler name may be. Runs
     * that started before names were shortened keep the name they already used.
     */
    private static String crawlerName(String database) {
        String name = CRAWLER_PREFIX + database;
        if (name.length() <= CRAWLER_NAME_LIMIT
                || Workflow.getVersion(FIT_CRAWLER_NAME, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return name;
        }
        return ResourceNames.fit(name, CRAWLER_NAME_LIMIT);
    }

    private static List<TableContract> previousContracts(DataProductActivities.TablesResult written,
            List<TableContract> declared) {
        Map<String, TableContract> byName = new TreeMap<>();
        declared.forEach(table -> byName.put(table.name(), table));
        List<TableContract> previous = new ArrayList<>();
        for (var change : written.tables()) {
            TableContract table = byName.get(change.table());
            if (table != null && change.action() != DataProductActivities.TableAction.CREATED
                    && !change.previousColumns().isEmpty()) {
                previous.add(new TableContract(change.table(), change.previousColumns(), change.previousPartitionKeys(),
                        table.format(), table.hasHeader(), table.location()));
            }
        }
        return previous;
    }


    @Override
    public Canceller requestCancel(CancelRequest request) {
        return Canceller.of(request);
    }
}
