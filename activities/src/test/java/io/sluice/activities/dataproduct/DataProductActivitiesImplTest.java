package io.sluice.activities.dataproduct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.dataproduct.Column;
import io.sluice.workflows.dataproduct.DataProductActivities;
import io.sluice.workflows.dataproduct.DataProductActivities.ConsumerGrantRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.CrawlerRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.DatabaseRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.DescribeRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.LfTagsRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.LocationRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.ProducerGrantRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.ResourceLinkRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.TableAction;
import io.sluice.workflows.dataproduct.DataProductActivities.TablesRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.TagRequest;
import io.sluice.workflows.dataproduct.Grant;
import io.sluice.workflows.dataproduct.ResourceLink;
import io.sluice.workflows.dataproduct.TableContract;
import io.sluice.workflows.dataproduct.TableFormat;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.model.Database;

@ExtendWith(LocalAwsExtension.class)
class DataProductActivitiesImplTest {
    static final String DATABASE = "credit_applications";
    static final String LOCATION = "s3://sluice-producer-100000000002/credit-risk/";
    static final Map<String, String> TAGS = Map.of("domain", "credit", "sensitivity", "pii");
    static final List<Column> COLUMNS = List.of(new Column("customer_id", "string"), new Column("age", "bigint"),
            new Column("income", "bigint"), new Column("default", "bigint"));
    static final TableContract APPLICATIONS = new TableContract("applications", COLUMNS, List.of(), TableFormat.csv, true,
            LOCATION + "applications/");

    @Test
    void registeringTwice_leavesOneOfEverythingAndTheSameGrants(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            register(activities, APPLICATIONS);
            List<Grant> grantsAfterFirst = grants(clients);

            var second = register(activities, APPLICATIONS);

            assertThat(second.tables().tables()).singleElement()
                    .satisfies(change -> assertThat(change.action()).isEqualTo(TableAction.UNCHANGED));
            assertThat(second.database().created()).isFalse();
            assertThat(second.location().registered()).isFalse();
            assertThat(second.tags().created()).isEmpty();
            assertThat(second.links()).allSatisfy(link -> assertThat(link.created()).isFalse());
            assertThat(databases(clients, "governance")).containsExactly(DATABASE);
            assertThat(databases(clients, "producer")).containsExactly(DATABASE);
            assertThat(databases(clients, "dev")).containsExactly(DATABASE);
            assertThat(clients.client("producer", AwsServices.GLUE).getTables(get -> get.catalogId("100000000001")
                    .databaseName(DATABASE)).tableList()).extracting(t -> t.name()).containsExactly("applications");
            var lakeFormation = clients.client("governance", AwsServices.LAKE_FORMATION);
            assertThat(lakeFormation.listLFTags(list -> list.catalogId("100000000001")).lfTags())
                    .extracting(tag -> tag.tagKey() + "=" + tag.tagValues())
                    .containsExactlyInAnyOrder("domain=[credit]", "sensitivity=[pii]");
            assertThat(lakeFormation.listResources(list -> { }).resourceInfoList()).extracting(r -> r.resourceArn())
                    .containsExactly("arn:aws:s3:::sluice-producer-100000000002/credit-risk");
            assertThat(lakeFormation.describeResource(describe -> describe
                    .resourceArn("arn:aws:s3:::sluice-producer-100000000002/credit-risk")).resourceInfo().roleArn())
                    .as("the producer's bucket is another account's: the service-linked role cannot reach it")
                    .isEqualTo("arn:aws:iam::100000000001:role/SluiceLakeFormationDataAccess");
            assertThat(grants(clients)).containsExactlyInAnyOrderElementsOf(grantsAfterFirst);
            assertThat(grantsAfterFirst).hasSize(5);
        }
    }

    @Test
    void grantsAndTags_areListedWhereExpected(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);

            var made = register(activities, APPLICATIONS);

            assertThat(made.producerGrants().grants()).extracting(Grant::toString).containsExactlyInAnyOrder(
                    "producer (100000000002): ALTER, CREATE_TABLE, DESCRIBE on database credit_applications",
                    "producer (100000000002): ALTER, DELETE, DESCRIBE, INSERT, SELECT on tables of credit_applications",
                    "producer (100000000002): DATA_LOCATION_ACCESS on location arn:aws:s3:::sluice-producer-100000000002/credit-risk");
            assertThat(made.consumerGrants().grants()).extracting(Grant::toString).containsExactlyInAnyOrder(
                    "dev (100000000003): DESCRIBE, SELECT on TABLE where {domain=credit, sensitivity=pii}",
                    "dev (100000000003): DESCRIBE on DATABASE where {domain=credit, sensitivity=pii}");
            var lakeFormation = clients.client("governance", AwsServices.LAKE_FORMATION);
            var onTable = lakeFormation.getResourceLFTags(get -> get.catalogId("100000000001")
                    .resource(r -> r.table(t -> t.catalogId("100000000001").databaseName(DATABASE).name("applications"))));
            assertThat(onTable.lfTagsOnTable()).extracting(tag -> tag.tagKey() + "=" + tag.tagValues())
                    .containsExactlyInAnyOrder("domain=[credit]", "sensitivity=[pii]");
            assertThat(made.tagged().databaseTags()).isEqualTo(TAGS);
        }
    }

    @Test
    void producerGrants_carryTheGrantOption_andTheProducerPassesThemToItsWorkerAndCrawlerRoles(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            register(activities, APPLICATIONS);
            String crawler = "arn:aws:iam::100000000002:role/SluiceCrawler";
            var request = new DataProductActivities.OwnRolesRequest("producer", "governance", DATABASE, List.of(crawler),
                    DataProductActivities.PRODUCER_DATABASE_PERMISSIONS, DataProductActivities.PRODUCER_TABLE_PERMISSIONS,
                    LOCATION);

            var first = activities.grantOwnRoles(request);
            var second = activities.grantOwnRoles(request);

            var toProducer = clients.client("governance", AwsServices.LAKE_FORMATION)
                    .listPermissions(list -> list.catalogId("100000000001")).principalResourcePermissions().stream()
                    .filter(permission -> "100000000002".equals(permission.principal().dataLakePrincipalIdentifier()))
                    .toList();
            assertThat(toProducer).hasSize(3).allSatisfy(permission -> assertThat(permission.permissionsWithGrantOption())
                    .as("the producer can pass on only what it may grant").isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(permission.permissions()));
            assertThat(first.grants()).extracting(Grant::toString).contains(
                    "arn:aws:iam::100000000002:role/SluiceWorker: ALTER, CREATE_TABLE, DESCRIBE on database credit_applications",
                    crawler + ": ALTER, DELETE, DESCRIBE, INSERT, SELECT on tables of credit_applications",
                    crawler + ": DATA_LOCATION_ACCESS on location arn:aws:s3:::sluice-producer-100000000002/credit-risk");
            assertThat(second.grants()).containsExactlyInAnyOrderElementsOf(first.grants());
        }
    }

    @Test
    void ensureDatabase_ofADatabaseMadeWithIamDefaults_revokesIamAllowedPrincipalsSoGrantsDecide(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            clients.client("governance", AwsServices.GLUE).createDatabase(create -> create.databaseInput(input -> input
                    .name(DATABASE).locationUri(LOCATION)));
            var lakeFormation = clients.client("governance", AwsServices.LAKE_FORMATION);
            lakeFormation.grantPermissions(grant -> grant.catalogId("100000000001")
                    .principal(p -> p.dataLakePrincipalIdentifier("IAM_ALLOWED_PRINCIPALS"))
                    .resource(r -> r.database(d -> d.catalogId("100000000001").name(DATABASE)))
                    .permissionsWithStrings("ALL"));

            activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "Credit applications", LOCATION, Map.of()));

            assertThat(grants(clients)).extracting(Grant::principal).doesNotContain("IAM_ALLOWED_PRINCIPALS");
            assertThat(clients.client("governance", AwsServices.GLUE).getDatabase(get -> get.name(DATABASE)).database()
                    .createTableDefaultPermissions()).isEmpty();
        }
    }

    @Test
    void resourceLinks_ofProducerAndConsumerPointAtTheGovernanceDatabase(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);

            var made = register(activities, APPLICATIONS);

            assertThat(made.links()).extracting(link -> link.link().account()).containsExactly("producer", "dev");
            for (String account : List.of("producer", "dev")) {
                Database link = clients.client(account, AwsServices.GLUE).getDatabase(get -> get.name(DATABASE)).database();
                assertThat(link.targetDatabase().catalogId()).isEqualTo("100000000001");
                assertThat(link.targetDatabase().databaseName()).isEqualTo(DATABASE);
            }
        }
    }

    @Test
    void changedContract_updatesTheTableAndReturnsWhatItWas(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            register(activities, APPLICATIONS);
            List<Column> changed = new ArrayList<>(COLUMNS.subList(0, 2));
            changed.add(new Column("region", "string"));
            var next = new TableContract("applications", changed, List.of(new Column("day", "string")), TableFormat.csv, true,
                    LOCATION + "applications/");

            var result = activities.ensureTables(new TablesRequest("producer", "governance", DATABASE, List.of(next)));

            assertThat(result.tables()).singleElement().satisfies(change -> {
                assertThat(change.action()).isEqualTo(TableAction.UPDATED);
                assertThat(change.previousColumns()).isEqualTo(COLUMNS);
                assertThat(change.previousPartitionKeys()).isEmpty();
            });
            var stored = clients.client("producer", AwsServices.GLUE).getTable(get -> get.catalogId("100000000001")
                    .databaseName(DATABASE).name("applications")).table();
            assertThat(stored.storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type())
                    .containsExactly("customer_id string", "age bigint", "region string");
            assertThat(stored.partitionKeys()).extracting(c -> c.name()).containsExactly("day");
            assertThat(stored.parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
            assertThat(GlueTables.contract(stored)).isEqualTo(next);
        }
    }

    @Test
    void describeProduct_returnsWhatWasMade(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            var describe = new DescribeRequest("governance", "producer", DATABASE, List.of("producer", "dev", "test"));
            assertThat(activities.describeProduct(describe).exists()).isFalse();
            register(activities, APPLICATIONS);

            var product = activities.describeProduct(describe);

            assertThat(product.exists()).isTrue();
            assertThat(product.catalogId()).isEqualTo("100000000001");
            assertThat(product.description()).isEqualTo("Credit applications");
            assertThat(product.locationUri()).isEqualTo(LOCATION);
            assertThat(product.parameters()).containsEntry("sluice:owner", "risk-data@example.com");
            assertThat(product.recordedVersion()).isEqualTo("1.0.0");
            assertThat(product.tables()).containsExactly(APPLICATIONS);
            assertThat(product.tags()).isEqualTo(TAGS);
            assertThat(product.grants()).hasSize(5).extracting(Grant::account).containsOnly("producer", "dev");
            assertThat(product.resourceLinks()).containsExactly(
                    new ResourceLink("producer", DATABASE, "100000000001", DATABASE),
                    new ResourceLink("dev", DATABASE, "100000000001", DATABASE));
        }
    }

    @Test
    void ensureDatabase_updatesMetadataAndKeepsParametersItDoesNotName(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "first", LOCATION,
                    Map.of("sluice:version", "1.0.0", "sluice:owner", "a@example.com")));

            var updated = activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "second", LOCATION,
                    Map.of("sluice:owner", "b@example.com")));
            var again = activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "second", LOCATION,
                    Map.of("sluice:owner", "b@example.com")));

            assertThat(updated.updated()).isTrue();
            assertThat(again.updated()).isFalse();
            var stored = clients.client("governance", AwsServices.GLUE).getDatabase(get -> get.name(DATABASE)).database();
            assertThat(stored.description()).isEqualTo("second");
            assertThat(stored.parameters()).containsEntry("sluice:version", "1.0.0").containsEntry("sluice:owner", "b@example.com");
        }
    }

    @Test
    void ensureLfTags_addsTheValuesAnExistingTagLacks(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            activities.ensureLfTags(new LfTagsRequest("governance", Map.of("domain", List.of("cards"))));

            var result = activities.ensureLfTags(new LfTagsRequest("governance", Map.of("domain", List.of("credit"))));

            assertThat(result.created()).isEmpty();
            assertThat(result.extended()).containsExactly("domain");
            assertThat(result.tags().get("domain")).containsExactly("cards", "credit");
        }
    }

    @Test
    void resourceLinkWhereADatabaseOfItsOwnExists_isAConflict(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            clients.client("dev", AwsServices.GLUE).createDatabase(create -> create.databaseInput(input -> input.name(DATABASE)));

            assertThatThrownBy(() -> activities.ensureResourceLink(new ResourceLinkRequest("dev", DATABASE, "governance",
                    DATABASE)))
                    .isInstanceOf(ApplicationFailure.class)
                    .hasMessageContaining("is a database of its own, not a resource link to 100000000001:credit_applications")
                    .satisfies(failure -> assertThat(((ApplicationFailure) failure).getType()).isEqualTo("sluice.Conflict"));
        }
    }

    @Test
    void runCrawler_waitsForTheCrawlThenChecksTheTablesAndDoesNotCrawlTwiceForOneRegistration(LocalAws localAws) {
        localAws.moto().progressImmediately("glue::crawl");
        var environment = TestActivityEnvironment.newInstance();
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            prepareCrawl(activities);
            activities.ensureTables(new TablesRequest("producer", "governance", DATABASE, List.of(APPLICATIONS)));
            environment.registerActivitiesImplementations(activities);
            DataProductActivities stub = activityStub(environment);
            var request = crawlerRequest(List.of(APPLICATIONS));

            var first = stub.runCrawler(request);
            var second = stub.runCrawler(request);

            assertThat(first.started()).isTrue();
            assertThat(first.lastCrawlStatus()).isIn("SUCCEEDED", "COMPLETED");
            assertThat(first.tables()).containsExactly(APPLICATIONS);
            assertThat(second.started()).isFalse();
            var crawler = clients.client("producer", AwsServices.GLUE).getCrawler(get -> get.name("sluice-" + DATABASE)).crawler();
            assertThat(crawler.databaseName()).isEqualTo(DATABASE);
            assertThat(crawler.targets().s3Targets()).extracting(t -> t.path()).containsExactly(LOCATION);
            assertThat(crawler.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("LOG");
            assertThat(clients.client("producer", AwsServices.GLUE).listCrawlers(list -> { }).crawlerNames()).hasSize(1);
        } finally {
            environment.close();
        }
    }

    @Test
    void runCrawler_thatMadeNoTables_failsNamingTheLocation(LocalAws localAws) {
        localAws.moto().progressImmediately("glue::crawl");
        var environment = TestActivityEnvironment.newInstance();
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            prepareCrawl(activities);
            environment.registerActivitiesImplementations(activities);
            DataProductActivities stub = activityStub(environment);

            assertThatThrownBy(() -> stub.runCrawler(crawlerRequest(List.of())))
                    .isInstanceOf(ActivityFailure.class)
                    .cause()
                    .isInstanceOf(ApplicationFailure.class)
                    .hasMessageContaining("crawler sluice-credit_applications finished, but database credit_applications "
                            + "has no tables; check that " + LOCATION + " holds the product's files")
                    .satisfies(failure -> assertThat(((ApplicationFailure) failure).getType()).isEqualTo("sluice.AwsJobFailed"));
        } finally {
            environment.close();
        }
    }

    @Test
    void runCrawler_whoseTablesMissTheContract_failsNamingTheColumns(LocalAws localAws) {
        localAws.moto().progressImmediately("glue::crawl");
        var environment = TestActivityEnvironment.newInstance();
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var activities = new DataProductActivitiesImpl(clients);
            prepareCrawl(activities);
            activities.ensureTables(new TablesRequest("producer", "governance", DATABASE, List.of(new TableContract(
                    "applications", List.of(new Column("customer_id", "string"), new Column("age", "string")), List.of(),
                    TableFormat.csv, true, LOCATION + "applications/"))));
            environment.registerActivitiesImplementations(activities);
            DataProductActivities stub = activityStub(environment);

            assertThatThrownBy(() -> stub.runCrawler(crawlerRequest(List.of(APPLICATIONS))))
                    .isInstanceOf(ActivityFailure.class)
                    .cause()
                    .hasMessageContaining("applications.age is string, expected bigint; applications.income missing");
        } finally {
            environment.close();
        }
    }

    private record Registration(DataProductActivities.LfTagsResult tags, DataProductActivities.DatabaseResult database,
            DataProductActivities.LocationResult location, DataProductActivities.GrantResult producerGrants,
            DataProductActivities.TablesResult tables, DataProductActivities.TagResult tagged,
            DataProductActivities.GrantResult consumerGrants, List<DataProductActivities.ResourceLinkResult> links) {}

    /** The registration's steps in the workflow's order, as version 1.0.0. */
    private static Registration register(DataProductActivitiesImpl activities, TableContract table) {
        var tags = activities.ensureLfTags(new LfTagsRequest("governance",
                Map.of("domain", List.of("credit"), "sensitivity", List.of("pii"))));
        var database = activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "Credit applications", LOCATION,
                Map.of("sluice:owner", "risk-data@example.com", "sluice:version", "1.0.0")));
        var location = activities.registerLocation(new LocationRequest("governance", LOCATION));
        var producerGrants = activities.grantProducer(new ProducerGrantRequest("governance", DATABASE, LOCATION, "producer"));
        var producerLink = activities.ensureResourceLink(new ResourceLinkRequest("producer", DATABASE, "governance", DATABASE));
        var tables = activities.ensureTables(new TablesRequest("producer", "governance", DATABASE, List.of(table)));
        var tagged = activities.tagResources(new TagRequest("governance", DATABASE, List.of(table.name()), TAGS));
        var consumerGrants = activities.grantConsumer(new ConsumerGrantRequest("governance", "dev", TAGS,
                List.of("SELECT", "DESCRIBE")));
        var consumerLink = activities.ensureResourceLink(new ResourceLinkRequest("dev", DATABASE, "governance", DATABASE));
        return new Registration(tags, database, location, producerGrants, tables, tagged, consumerGrants,
                List.of(producerLink, consumerLink));
    }

    private static void prepareCrawl(DataProductActivitiesImpl activities) {
        activities.ensureDatabase(new DatabaseRequest("governance", DATABASE, "", LOCATION, Map.of()));
        activities.ensureResourceLink(new ResourceLinkRequest("producer", DATABASE, "governance", DATABASE));
    }

    private static CrawlerRequest crawlerRequest(List<TableContract> expected) {
        return new CrawlerRequest("producer", "sluice-" + DATABASE, "arn:aws:iam::100000000002:role/SluiceCrawler", DATABASE,
                "governance", DATABASE, LOCATION, false, expected, Instant.now().minusSeconds(5).toEpochMilli());
    }

    private static DataProductActivities activityStub(TestActivityEnvironment environment) {
        return environment.newActivityStub(DataProductActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private static List<String> databases(AwsClients clients, String account) {
        return clients.client(account, AwsServices.GLUE).getDatabases(get -> { }).databaseList().stream()
                .map(database -> database.name()).toList();
    }

    /** Every grant in the governance catalog, permissions sorted (Lake Formation lists them in no set order). */
    private static List<Grant> grants(AwsClients clients) {
        return clients.client("governance", AwsServices.LAKE_FORMATION)
                .listPermissions(list -> list.catalogId("100000000001")).principalResourcePermissions().stream()
                .map(permission -> ProductGrants.describe(permission, Map.of()))
                .toList();
    }
}
