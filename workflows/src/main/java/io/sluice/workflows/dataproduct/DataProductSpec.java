package io.sluice.workflows.dataproduct;

import io.sluice.workflows.Validated;
import io.sluice.workflows.build.BuildSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A data product: what {@code data-product.yaml} holds. {@link #validate()} refuses invalid values,
 * naming the field, before anything starts. The product's Glue database is
 * {@code <domain>_<name>} in the governance account's catalog.
 *
 * @param domain the business domain, a Glue name (at most 127 characters), e.g. {@code credit}
 * @param name the product's name within the domain, a Glue name (at most 127 characters)
 * @param version the product's version, e.g. {@code 1.2.0}; a new version may start retraining
 * @param owner who answers for the product, e.g. a team's address
 * @param description what the data is
 * @param classification the data classification, e.g. {@code confidential}
 * @param sensitivity how sensitive the data is, e.g. {@code pii} or {@code low}
 * @param producerAccount the alias of the account that owns the data (default {@code producer})
 * @param governanceAccount the alias of the central catalog's account (default {@code governance})
 * @param location where the product's files are, {@code s3://bucket/prefix/}
 * @param lfTags the product's LF-tags: each key with the one value its database and tables carry;
 *     consumers are granted on exactly these
 * @param tables the declared tables (the data contract); with {@code discover: crawler}, optional
 *     expectations the crawled tables are checked against
 * @param discover where tables come from: {@code contract} (default) or {@code crawler}
 * @param crawlerRoleArn the role the crawler runs as (with {@code discover: crawler} only)
 * @param consumers the accounts granted on the product (default none)
 * @param allowBreakingChanges accept removed columns and changed types (default false); with
 *     {@code discover: crawler}, let the crawler change existing tables (else it only logs schema changes)
 * @param retrain the build to start when the version changes, or null for none; its run key is the
 *     product's version
 */
public record DataProductSpec(
        String domain,
        String name,
        String version,
        String owner,
        String description,
        String classification,
        String sensitivity,
        String producerAccount,
        String governanceAccount,
        String location,
        Map<String, List<String>> lfTags,
        List<TableContract> tables,
        TableDiscovery discover,
        String crawlerRoleArn,
        List<Consumer> consumers,
        Boolean allowBreakingChanges,
        BuildSpec retrain) implements Validated {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TAG_KEY = Pattern.compile("[a-z0-9_.:/=+@-]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N}_.:/=+@ -]{1,256}");

    public DataProductSpec {
        domain = ProductSpecs.text(domain, "");
        name = ProductSpecs.text(name, "");
        version = ProductSpecs.text(version, "");
        owner = ProductSpecs.text(owner, "");
        description = ProductSpecs.text(description, "");
        classification = ProductSpecs.text(classification, "");
        sensitivity = ProductSpecs.text(sensitivity, "");
        producerAccount = ProductSpecs.text(producerAccount, "producer");
        governanceAccount = ProductSpecs.text(governanceAccount, "governance");
        location = ProductSpecs.prefix(location);
        lfTags = lfTags == null ? Map.of() : copyOf(lfTags);
        discover = discover == null ? TableDiscovery.contract : discover;
        String tablesUnder = location;
        tables = tables == null ? List.of() : tables.stream().map(table -> table.locatedUnder(tablesUnder)).toList();
        crawlerRoleArn = ProductSpecs.text(crawlerRoleArn, "");
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        allowBreakingChanges = allowBreakingChanges != null && allowBreakingChanges;
    }

    @Override
    public void validate() {
        ProductSpecs.glueName("domain", domain, 127);
        ProductSpecs.glueName("name", name, 127);
        ProductSpecs.required("version", version, "the product's version, e.g. 1.0.0");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version '" + version + "' is not a version; expected letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit (at most 128), e.g. 1.2.0");
        }
        ProductSpecs.required("owner", owner, "who answers for the product, e.g. risk-data@example.com");
        ProductSpecs.required("classification", classification, "the data classification, e.g. confidential");
        ProductSpecs.required("sensitivity", sensitivity, "how sensitive the data is, e.g. pii or low");
        if (producerAccount.equals(governanceAccount)) {
            throw new IllegalArgumentException("producerAccount is the same as governanceAccount (" + producerAccount
                    + "); expected the account that owns the data, not the central catalog's");
        }
        ProductSpecs.s3Prefix("location", location);
        checkTags(lfTags);
        checkTables(tables, discover);
        if (discover == TableDiscovery.crawler) {
            ProductSpecs.roleArn("crawlerRoleArn", crawlerRoleArn);
        } else if (!crawlerRoleArn.isEmpty()) {
            throw new IllegalArgumentException("crawlerRoleArn is set, but discover is contract; expected discover: crawler "
                    + "to run a crawler, or no crawlerRoleArn");
        }
        Set<String> consumerAccounts = new HashSet<>();
        for (Consumer consumer : consumers) {
            consumer.validate();
            if (consumer.account().equals(governanceAccount)) {
                throw new IllegalArgumentException("consumers lists the governance account " + governanceAccount
                        + "; expected consumer accounts (governance holds the catalog already)");
            }
            if (!consumerAccounts.add(consumer.account())) {
                throw new IllegalArgumentException("consumers lists account " + consumer.account()
                        + " more than once; expected one entry per account");
            }
        }
        if (retrain != null) {
            retrain.validate();
        }
    }

    public String database() {
        return domain + "_" + name;
    }

    /** {@code domain/name}, as the {@code SluiceDataProduct} search attribute shows it. */
    public String product() {
        return domain + "/" + name;
    }

    /** Each LF-tag key with the value the product's resources carry. */
    public Map<String, String> tagValues() {
        Map<String, String> values = new TreeMap<>();
        lfTags.forEach((key, list) -> values.put(key, list.get(0)));
        return values;
    }

    /** Whether a new version starts a BuildModel run. */
    public boolean retrains() {
        return retrain != null;
    }

    /** The LF-tags sorted by key, each list copied; null lists kept as empty for {@link #validate()} to name. */
    private static Map<String, List<String>> copyOf(Map<String, List<String>> lfTags) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        new TreeMap<>(lfTags).forEach((key, values) -> copy.put(key, values == null ? List.of()
                : values.stream().map(value -> value == null ? "" : value).toList()));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static void checkTags(Map<String, List<String>> lfTags) {
        if (lfTags.isEmpty()) {
            throw new IllegalArgumentException("lfTags is missing; expected the product's LF-tags, each key with one value, "
                    + "e.g. {domain: [credit], sensitivity: [confidential]}; consumers are granted through them");
        }
        lfTags.forEach((key, values) -> {
            if (!TAG_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("lfTags key '" + key + "' is not an LF-tag key; expected 1-128 lowercase "
                        + "letters, digits or _.:/=+@-");
            }
            if (values.size() != 1) {
                throw new IllegalArgumentException("lfTags." + key + " lists " + values.size()
                        + " values; expected exactly one, since Lake Formation gives a resource one value per LF-tag key");
            }
            String value = values.get(0);
            if (!TAG_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("lfTags." + key + " value '" + value + "' is not an LF-tag value; expected "
                        + "1-256 letters, digits, spaces or _.:/=+@-");
            }
        });
    }

    private static void columns(String at, List<Column> columns) {
        for (int j = 0; j < columns.size(); j++) {
            Column column = columns.get(j);
            ProductSpecs.glueName(at + "[" + j + "].name", column.name(), 255);
            ProductSpecs.required(at + "[" + j + "].type", column.type(), "a Hive type such as string, bigint or decimal(10,2)");
            if (!column.hasKnownType()) {
                throw new IllegalArgumentException(at + "[" + j + "].type '" + column.type() + "' is not a Glue column type; "
                        + "expected string, bigint, int, double, boolean, date, timestamp, decimal(p,s), array<...>, "
                        + "map<...> or struct<...>");
            }
        }
    }

    private static void checkTables(List<TableContract> tables, TableDiscovery discover) {
        if (tables.isEmpty() && discover == TableDiscovery.contract) {
            throw new IllegalArgumentException("tables is missing; expected the declared schema of each table (name, columns, "
                    + "format), or discover: crawler with crawlerRoleArn");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            TableContract table = tables.get(i);
            String at = "tables[" + i + "]";
            ProductSpecs.glueName(at + ".name", table.name(), 255);
            if (!names.add(table.name())) {
                throw new IllegalArgumentException(at + ".name declares '" + table.name()
                        + "' more than once; expected each table once");
            }
            if (table.columns().isEmpty()) {
                throw new IllegalArgumentException(at + ".columns is missing; expected at least one {name, type}, "
                        + "e.g. {name: customer_id, type: string}");
            }
            columns(at + ".columns", table.columns());
            columns(at + ".partitionKeys", table.partitionKeys());
            table.validate();
        }
    }
}
