package io.sluice.workflows.dataproduct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataProductSpecTest {

    @Test
    void validSpec_derivesTheDatabaseAndTableLocationsAndDefaults() {
        DataProductSpec spec = DataProductSpecs.applications("1.0.0");

        assertThat(spec.database()).isEqualTo("credit_applications");
        assertThat(spec.product()).isEqualTo("credit/applications");
        assertThat(spec.producerAccount()).isEqualTo("producer");
        assertThat(spec.governanceAccount()).isEqualTo("governance");
        assertThat(spec.discover()).isEqualTo(TableDiscovery.contract);
        assertThat(spec.tables().get(0).location()).isEqualTo("s3://sluice-producer-100000000002/credit-risk/applications/");
        assertThat(spec.tagValues()).containsExactly(Map.entry("domain", "credit"), Map.entry("sensitivity", "pii"));
        assertThat(spec.retrains()).isFalse();
    }

    @Test
    void domainThatIsNotAGlueName_isRefusedNamingTheField() {
        assertThatThrownBy(() -> spec("Credit-Risk", List.of(new Column("age", "bigint")), Map.of("domain", List.of("credit"))).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("domain 'Credit-Risk' is not a Glue name; expected lowercase letters, digits and underscores");
    }

    @Test
    void columnThatIsNotAGlueName_isRefusedWithItsPath() {
        assertThatThrownBy(() -> spec("credit", List.of(new Column("Loan Amount", "bigint")), Map.of("domain", List.of("credit"))).validate())
                .hasMessageStartingWith("tables[0].columns[0].name 'Loan Amount' is not a Glue name");
    }

    @Test
    void unknownColumnType_isRefusedWithItsPath() {
        assertThatThrownBy(() -> spec("credit", List.of(new Column("age", "number")), Map.of("domain", List.of("credit"))).validate())
                .hasMessageStartingWith("tables[0].columns[0].type 'number' is not a Glue column type");
    }

    @Test
    void tagWithTwoValues_isRefusedSinceAResourceTakesOneValuePerKey() {
        assertThatThrownBy(() -> spec("credit", List.of(new Column("age", "bigint")),
                Map.of("domain", List.of("credit", "cards"))).validate())
                .hasMessageStartingWith("lfTags.domain lists 2 values; expected exactly one");
    }

    @Test
    void noTablesAndNoCrawler_isRefused() {
        assertThatThrownBy(() -> new DataProductSpec("credit", "applications", "1", "o", null, "c", "s", null, null,
                "s3://b/p/", Map.of("domain", List.of("credit")), List.of(), null, null, null, null, null).validate())
                .hasMessageStartingWith("tables is missing");
    }

    @Test
    void crawlerWithoutRole_isRefused() {
        assertThatThrownBy(() -> new DataProductSpec("credit", "applications", "1", "o", null, "c", "s", null, null,
                "s3://b/p/", Map.of("domain", List.of("credit")), null, TableDiscovery.crawler, null, null, null, null).validate())
                .hasMessageStartingWith("crawlerRoleArn is missing");
    }

    @Test
    void versionThatCannotBeARunKey_isRefused() {
        assertThatThrownBy(() -> DataProductSpecs.applications("v 2").validate())
                .hasMessageStartingWith("version 'v 2' is not a version");
    }

    @Test
    void consumerPermissions_defaultToSelectAndDescribeAndAreCheckedAgainstLakeFormations() {
        assertThat(new Consumer("dev", null).permissions()).containsExactly("SELECT", "DESCRIBE");
        assertThat(new Consumer("dev", List.of("select")).permissions()).containsExactly("SELECT");
        assertThatThrownBy(() -> new Consumer("dev", List.of("READ")).validate())
                .hasMessageContaining("permissions of consumer dev lists 'READ'");
    }

    @Test
    void contractChanges_separateBreakingFromAdded() {
        var stored = List.of(new TableContract("applications", List.of(new Column("age", "bigint"), new Column("income", "bigint")),
                List.of(new Column("day", "string")), null, null, null));
        var declared = List.of(
                new TableContract("applications", List.of(new Column("age", "int"), new Column("region", "string")),
                        List.of(new Column("day", "string")), null, null, null),
                new TableContract("repayments", List.of(new Column("customer_id", "string")), null, null, null, null));

        var changes = ContractChanges.between(stored, declared);

        assertThat(changes.breaking()).containsExactly("applications.age changed from bigint to int", "applications.income removed");
        assertThat(changes.additions()).containsExactly("applications.region added (string)", "repayments added");
    }

    @Test
    void contractChanges_movedPartitionKey_isBreaking() {
        var stored = List.of(new TableContract("t", List.of(new Column("a", "string")), List.of(new Column("day", "string")),
                null, null, null));
        var declared = List.of(new TableContract("t", List.of(new Column("a", "string"), new Column("day", "string")), null,
                null, null, null));

        assertThat(ContractChanges.between(stored, declared).breaking()).containsExactly("t partition keys changed from [day] to []");
    }

    private static DataProductSpec spec(String domain, List<Column> columns, Map<String, List<String>> tags) {
        return new DataProductSpec(domain, "applications", "1.0.0", "o", null, "c", "s", null, null, "s3://b/p",
                tags, List.of(new TableContract("applications", columns, null, null, null, null)), null, null, null, null, null);
    }
}
