package io.sluice.activities.dataproduct;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.dataproduct.Column;
import io.sluice.workflows.dataproduct.DataProductActivities.CrawlerRequest;
import io.sluice.workflows.dataproduct.DataProductActivities.CrawlerResult;
import io.sluice.workflows.dataproduct.TableContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.SchemaChangePolicy;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * A product's Glue crawler: made to match the request, run once per registration, awaited with
 * heartbeats, and its tables checked. A crawl counts as the registration's when it started at or
 * after the request's {@code notBeforeEpochMilli}, so a retried activity waits for the crawl an
 * earlier attempt started instead of starting another.
 */
final class CrawlerRuns {
    /** How Glue reports a successful last crawl. */
    private static final String SUCCEEDED = "SUCCEEDED";

    private final AwsClients clients;

    CrawlerRuns(AwsClients clients) {
        this.clients = clients;
    }

    CrawlerResult run(CrawlerRequest request) {
        AwsAccount account = clients.account(request.account());
        AwsAccount catalog = clients.account(request.catalogAccount());
        GlueClient glue = clients.client(request.account(), AwsServices.GLUE);
        ensure(glue, account, request);
        Instant notBefore = Instant.ofEpochMilli(request.notBeforeEpochMilli());
        Crawler crawler = awaitReady(glue, account, request.crawler(), null);
        boolean started = false;
        if (!crawledSince(crawler, notBefore)) {
            started = start(glue, account, request.crawler());
            crawler = awaitReady(glue, account, request.crawler(), crawler);
        }
        String status = crawler.lastCrawl() == null ? "UNKNOWN" : crawler.lastCrawl().statusAsString();
        if (!status.equals(SUCCEEDED) && !(clients.settings().localStandIn() && LocalGlue.crawlSucceeded(status))) {
            throw JobFailures.failed("crawler " + request.crawler() + " in account " + account.describe(), status,
                    crawler.lastCrawl() == null ? "" : crawler.lastCrawl().errorMessage());
        }
        List<TableContract> tables = DataProductActivitiesImpl.tables(glue, account, catalog.id(), request.targetDatabase());
        check(request, tables);
        return new CrawlerResult(request.crawler(), status, started, tables);
    }

    private void ensure(GlueClient glue, AwsAccount account, CrawlerRequest request) {
        SchemaChangePolicy policy = SchemaChangePolicy.builder()
                .updateBehavior(request.updateExistingTables() ? UpdateBehavior.UPDATE_IN_DATABASE : UpdateBehavior.LOG)
                .deleteBehavior(DeleteBehavior.LOG)
                .build();
        var create = new AwsOperation(account, "glue", "CreateCrawler", "crawler " + request.crawler());
        Optional<Crawler> existing = describe(glue, account, request.crawler());
        if (existing.isEmpty() && CatalogCalls.create(create, () -> glue.createCrawler(crawler -> crawler
                .name(request.crawler())
                .role(request.roleArn())
                .databaseName(request.database())
                .targets(targets -> targets.s3Targets(S3Target.builder().path(request.locationUri()).build()))
                .schemaChangePolicy(policy)
                .description("Discovers the tables of data product database " + request.targetDatabase())))) {
            return;
        }
        Crawler crawler = existing.isPresent() ? existing.get() : describe(glue, account, request.crawler()).orElseThrow();
        if (matches(crawler, request, policy)) {
            return;
        }
        awaitReady(glue, account, request.crawler(), null);
        AwsCalls.call(new AwsOperation(account, "glue", "UpdateCrawler", "crawler " + request.crawler()),
                () -> glue.updateCrawler(update -> update
                        .name(request.crawler())
                        .role(request.roleArn())
                        .databaseName(request.database())
                        .targets(targets -> targets.s3Targets(S3Target.builder().path(request.locationUri()).build()))
                        .schemaChangePolicy(policy)));
    }

    private static boolean matches(Crawler crawler, CrawlerRequest request, SchemaChangePolicy policy) {
        List<String> paths = crawler.targets() == null ? List.of()
                : crawler.targets().s3Targets().stream().map(S3Target::path).toList();
        SchemaChangePolicy current = crawler.schemaChangePolicy();
        return request.roleArn().equals(crawler.role())
                && request.database().equals(crawler.databaseName())
                && paths.equals(List.of(request.locationUri()))
                && current != null
                && Objects.equals(current.updateBehaviorAsString(), policy.updateBehaviorAsString())
                && Objects.equals(current.deleteBehaviorAsString(), policy.deleteBehaviorAsString());
    }

    private static boolean crawledSince(Crawler crawler, Instant notBefore) {
        return crawler.lastCrawl() != null && crawler.lastCrawl().startTime() != null
                && !crawler.lastCrawl().startTime().isBefore(notBefore);
    }

    /** True when this call started the crawl; false when one was already running (it is awaited instead). */
    private static boolean start(GlueClient glue, AwsAccount account, String name) {
        try {
            glue.startCrawler(start -> start.name(name));
            return true;
        } catch (CrawlerRunningException alreadyRunning) {
            return false;
        } catch (SdkException e) {
            throw AwsFailures.classify(e, new AwsOperation(account, "glue", "StartCrawler", "crawler " + name),
                    AwsCalls.attempt());
        }
    }

    /**
     * Waits until the crawler is READY and, when {@code afterCrawlFrom} is given, has finished a
     * crawl that started after {@code afterCrawlFrom}'s last crawl (just after StartCrawler a crawler
     * may still report READY with its previous crawl).
     */
    private static Crawler awaitReady(GlueClient glue, AwsAccount account, String name, Crawler afterCrawlFrom) {
        var operation = new AwsOperation(account, "glue", "GetCrawler", "crawler " + name);
        Instant previousStart = afterCrawlFrom == null || afterCrawlFrom.lastCrawl() == null ? null
                : afterCrawlFrom.lastCrawl().startTime();
        return JobWaiter.await("crawler", name,
                () -> AwsCalls.call(operation, () -> glue.getCrawler(get -> get.name(name)).crawler()),
                crawler -> crawler.stateAsString() + (crawler.lastCrawl() == null ? "" : ", last crawl "
                        + crawler.lastCrawl().statusAsString()),
                crawler -> crawler.state() == CrawlerState.READY
                        && (afterCrawlFrom == null || crawledAfter(crawler, previousStart)));
    }

    /** Whether the crawler has a last crawl, and it started after {@code previousStart} (if there was one). */
    private static boolean crawledAfter(Crawler crawler, Instant previousStart) {
        if (crawler.lastCrawl() == null) {
            return false;
        }
        Instant started = crawler.lastCrawl().startTime();
        return previousStart == null || started != null && started.isAfter(previousStart);
    }

    private static Optional<Crawler> describe(GlueClient glue, AwsAccount account, String name) {
        return CatalogCalls.ifExists(new AwsOperation(account, "glue", "GetCrawler", "crawler " + name),
                () -> glue.getCrawler(get -> get.name(name)).crawler());
    }

    /** The crawled tables must hold every expected table with the expected columns and types, or at least one table. */
    private static void check(CrawlerRequest request, List<TableContract> tables) {
        String where = "crawler " + request.crawler() + " finished, but database " + request.targetDatabase();
        if (request.expectedTables().isEmpty()) {
            if (tables.isEmpty()) {
                throw FailureType.AWS_JOB_FAILED.failure(where + " has no tables; check that " + request.locationUri()
                        + " holds the product's files (one folder per table)");
            }
            return;
        }
        Map<String, TableContract> byName = new TreeMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        List<String> problems = new ArrayList<>();
        for (TableContract expected : request.expectedTables()) {
            TableContract found = byName.get(expected.name());
            if (found == null) {
                problems.add("no table " + expected.name());
                continue;
            }
            Map<String, String> types = new TreeMap<>();
            found.allColumns().forEach(column -> types.put(column.name(), column.type()));
            for (Column column : expected.allColumns()) {
                String type = types.get(column.name());
                if (type == null) {
                    problems.add(expected.name() + "." + column.name() + " missing");
                } else if (!type.equals(column.type())) {
                    problems.add(expected.name() + "." + column.name() + " is " + type + ", expected " + column.type());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw FailureType.AWS_JOB_FAILED.failure(where + " does not match the declared tables: "
                    + String.join("; ", problems) + " (it has " + byName.keySet() + ")");
        }
    }
}
