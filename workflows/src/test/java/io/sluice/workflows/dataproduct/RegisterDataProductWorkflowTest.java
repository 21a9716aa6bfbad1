package io.sluice.workflows.dataproduct;

import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.SluiceTestWorkflows;
import io.sluice.workflows.WebUiSummaries;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterDataProductWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension temporal = SluiceTestWorkflows.extension(RegisterDataProductWorkflowImpl.class, FakeBuildModel.class);
    static final String REQUESTER = "data-steward@example.com";
    static final String WORKFLOW_ID = WorkflowIds.dataProduct("credit", "applications");

    private TestWorkflowEnvironment environment;
    private String queue;
    private WorkflowClient client;
    private final FakeDataProductActivities catalog = new FakeDataProductActivities();

    @BeforeEach
    void start(TestWorkflowEnvironment environment, Worker worker) {
        this.environment = environment;
        this.queue = worker.getTaskQueue();
        FakeBuildModel.STARTED.clear();
        worker.registerActivitiesImplementations(catalog);
        environment.start();
        client = environment.getWorkflowClient();
    }

    @Test
    void happyPath_registersInGovernanceThenProducerThenConsumersAndReportsTheCatalog() {
        RegisterDataProductResult result = register(DataProductSpecs.applications("1.0.0"));

        assertThat(catalog.calls).containsExactly("describeProduct", "ensureLfTags", "ensureDatabase", "registerLocation",
                "grantProducer", "ensureResourceLink producer", "grantOwnRoles:producer", "ensureTables", "tagResources",
                "grantConsumer dev", "ensureResourceLink dev", "grantOwnRoles:dev", "ensureDatabase", "describeProduct");
        assertThat(catalog.ownRoleGrants).as("a grant to an account reaches its roles only once the account grants them")
                .extracting(DataProductActivities.OwnRolesRequest::account, DataProductActivities.OwnRolesRequest::tablePermissions,
                        DataProductActivities.OwnRolesRequest::locationUri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("producer", DataProductActivities.PRODUCER_TABLE_PERMISSIONS,
                                "s3://sluice-producer-100000000002/credit-risk/"),
                        org.assertj.core.groups.Tuple.tuple("dev", List.of("SELECT", "DESCRIBE"), ""));
        assertThat(result.outcome()).isEqualTo(DataProductOutcome.REGISTERED);
        assertThat(result.database()).isEqualTo("credit_applications");
        assertThat(result.catalogId()).isEqualTo("100000000001");
        assertThat(result.version()).isEqualTo("1.0.0");
        assertThat(result.previousVersion()).isEmpty();
        assertThat(result.tables()).singleElement().satisfies(table -> {
            assertThat(table.name()).isEqualTo("applications");
            assertThat(table.location()).isEqualTo("s3://sluice-producer-100000000002/credit-risk/applications/");
            assertThat(table.columns()).hasSize(10);
        });
        assertThat(result.tags()).containsOnly(java.util.Map.entry("domain", "credit"), java.util.Map.entry("sensitivity", "pii"));
        assertThat(result.grants()).extracting(Grant::account, Grant::resource)
                .contains(org.assertj.core.groups.Tuple.tuple("producer", "database credit_applications"),
                        org.assertj.core.groups.Tuple.tuple("dev", "TABLE where {domain=credit, sensitivity=pii}"));
        assertThat(result.resourceLinks()).extracting(ResourceLink::account).containsExactly("producer", "dev");
        assertThat(result.additions()).containsExactly("applications added");
        assertThat(result.breakingChanges()).isEmpty();
        assertThat(result.buildWorkflowId()).isEmpty();
        assertThat(catalog.databases.get("credit_applications"))
                .containsEntry(DataProductMetadata.VERSION, "1.0.0")
                .containsEntry(DataProductMetadata.OWNER, "risk-data@example.com")
                .containsEntry(DataProductMetadata.CLASSIFICATION, "confidential")
                .containsEntry(DataProductMetadata.REGISTERED_BY, REQUESTER);
        var attributes = client.newUntypedWorkflowStub(WORKFLOW_ID).describe().getTypedSearchAttributes();
        assertThat(attributes.get(SluiceSearchAttributes.DATA_PRODUCT)).isEqualTo("credit/applications");
        assertThat(attributes.get(SluiceSearchAttributes.STAGE)).isEqualTo("registered");
        assertThat(WebUiSummaries.missing(client, WORKFLOW_ID)).isEmpty();
    }

    @Test
    void removedColumnAndChangedType_areRefusedNamingTheColumnsAndNothingChanges() {
        register(DataProductSpecs.applications("1.0.0"));
        catalog.calls.clear();
        var breaking = DataProductSpecs.applications("2.0.0", DataProductSpecs.retyped("age", "string").stream()
                .filter(column -> !column.name().equals("income")).toList(), false, null);

        assertThatThrownBy(() -> register(breaking))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("applications.age changed from bigint to string")
                .hasMessageContaining("applications.income removed")
                .hasMessageContaining("allowBreakingChanges")
                .satisfies(failure -> assertThat(((ApplicationFailure) failure).getType()).isEqualTo("sluice.InvalidInput"));
        assertThat(catalog.calls).containsExactly("describeProduct");
        assertThat(catalog.tables.get("applications").columns()).isEqualTo(DataProductSpecs.COLUMNS);
        assertThat(catalog.databases.get("credit_applications")).containsEntry(DataProductMetadata.VERSION, "1.0.0");
    }

    @Test
    void allowBreakingChanges_updatesTheTableAndReportsWhatBroke() {
        register(DataProductSpecs.applications("1.0.0"));

        var result = register(DataProductSpecs.applications("2.0.0", DataProductSpecs.without("income"), true, null));

        assertThat(result.breakingChanges()).containsExactly("applications.income removed");
        assertThat(result.previousVersion()).isEqualTo("1.0.0");
        assertThat(result.version()).isEqualTo("2.0.0");
        assertThat(catalog.tables.get("applications").columns()).extracting(Column::name).doesNotContain("income");
    }

    @Test
    void addedColumn_isNotBreaking() {
        register(DataProductSpecs.applications("1.0.0"));

        var result = register(DataProductSpecs.applications("1.1.0", DataProductSpecs.with(new Column("region", "string")),
                false, null));

        assertThat(result.breakingChanges()).isEmpty();
        assertThat(result.additions()).containsExactly("applications.region added (string)");
        assertThat(catalog.tables.get("applications").columns()).hasSize(11);
    }

    @Test
    void newVersionWithRetraining_startsBuildModelThatOutlivesTheRegistration() {
        var result = register(DataProductSpecs.applications("1.0.0", DataProductSpecs.COLUMNS, false,
                DataProductSpecs.retraining()));

        assertThat(result.buildWorkflowId()).isEqualTo(WorkflowIds.build("credit-risk", "1.0.0"));
        var child = client.newUntypedWorkflowStub(result.buildWorkflowId()).describe();
        assertThat(child.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(child.getWorkflowType()).isEqualTo(BuildModelWorkflow.TYPE);
        assertThat(child.getTypedSearchAttributes().get(SluiceSearchAttributes.DATA_PRODUCT)).isEqualTo("credit/applications");
        assertThat(FakeBuildModel.STARTED).containsOnlyKeys(result.buildWorkflowId());
        assertThat(FakeBuildModel.STARTED.values()).singleElement().satisfies(request -> {
            assertThat(request.runKey()).isEqualTo("1.0.0");
            assertThat(request.requester()).isEqualTo(REQUESTER);
            assertThat(request.spec().modelPackageGroup()).isEqualTo("credit-risk");
        });
    }

    @Test
    void sameVersionAgain_startsNoRetraining() {
        var retrain = DataProductSpecs.retraining();
        register(DataProductSpecs.applications("1.0.0", DataProductSpecs.COLUMNS, false, retrain));

        var again = register(DataProductSpecs.applications("1.0.0", DataProductSpecs.COLUMNS, false, retrain));

        assertThat(again.buildWorkflowId()).isEmpty();
        assertThat(again.previousVersion()).isEqualTo("1.0.0");
        assertThat(FakeBuildModel.STARTED).hasSize(1);
    }

    @Test
    void retrainingRunAlreadyStarted_countsAsStarted() {
        String buildId = WorkflowIds.build("credit-risk", "1.0.0");
        BuildModelWorkflow earlier = client.newWorkflowStub(BuildModelWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(buildId).build());
        WorkflowClient.start(earlier::build, new BuildRequest(DataProductSpecs.retraining(), "1.0.0", REQUESTER));

        var result = register(DataProductSpecs.applications("1.0.0", DataProductSpecs.COLUMNS, false,
                DataProductSpecs.retraining()));

        assertThat(result.buildWorkflowId()).isEqualTo(buildId);
        assertThat(catalog.databases.get("credit_applications")).containsEntry(DataProductMetadata.VERSION, "1.0.0");
    }

    @Test
    void crawlerDiscovery_tagsTheTablesTheCrawlerMade() {
        catalog.crawledTables = List.of(new TableContract("applications", DataProductSpecs.COLUMNS, List.of(), TableFormat.csv,
                true, "s3://sluice-producer-100000000002/credit-risk/applications/"));

        var result = register(DataProductSpecs.crawled("1.0.0"));

        assertThat(catalog.calls).contains("runCrawler").doesNotContain("ensureTables");
        assertThat(catalog.taggedTables).containsExactly("applications");
        assertThat(result.tables()).extracting(TableContract::name).containsExactly("applications");
    }

    @Test
    void crawlerDiscovery_namesTheCrawlerAfterTheDatabase() {
        register(DataProductSpecs.crawled("1.0.0"));

        assertThat(catalog.crawlers).containsExactly("sluice-credit_applications");
    }

    @Test
    void crawlerOfALongDatabase_isShortenedToGluesLimitKeepingItsPrefix() {
        String domain = "d".repeat(127);
        String name = "n".repeat(127);

        register(DataProductSpecs.crawled(domain, name, "1.0.0"));

        assertThat(catalog.crawlers).singleElement().satisfies(crawler -> {
            assertThat(crawler).hasSize(255).startsWith("sluice-" + domain + "_n").matches(".*-[0-9a-f]{8}");
        });
    }

    @Test
    void failedCrawl_failsTheRunWithTheCrawlersReason() {
        catalog.crawlFailure = "Internal Service Exception";

        assertThatThrownBy(() -> register(DataProductSpecs.crawled("1.0.0")))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .hasMessageContaining("Internal Service Exception");
        assertThat(catalog.calls).doesNotContain("tagResources");
    }

    private RegisterDataProductResult register(DataProductSpec spec) {
        RegisterDataProductWorkflow run = client.newWorkflowStub(RegisterDataProductWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(WORKFLOW_ID).build());
        return run.register(new RegisterDataProductRequest(spec, REQUESTER));
    }
}
