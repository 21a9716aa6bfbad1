package io.sluice.workflows.dataproduct;

import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.EvaluationSpec;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.PreStepSpec;
import io.sluice.workflows.build.ProcessingSpec;
import io.sluice.workflows.build.TrainingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A valid data-product spec for tests (the synthetic credit-risk applications), and variations of it. */
public final class DataProductSpecs {
    public static final List<Column> COLUMNS = List.of(
            new Column("customer_id", "string"), new Column("age", "bigint"), new Column("income", "bigint"),
            new Column("loan_amount", "bigint"), new Column("loan_term_months", "bigint"),
            new Column("credit_score", "bigint"), new Column("employment_years", "bigint"),
            new Column("home_ownership", "string"), new Column("purpose", "string"), new Column("default", "bigint"));

    private DataProductSpecs() {}

    public static DataProductSpec applications(String version) {
        return applications(version, COLUMNS, false, null);
    }

    public static DataProductSpec applications(String version, List<Column> columns, boolean allowBreakingChanges,
            BuildSpec retrain) {
        return new DataProductSpec("credit", "applications", version, "risk-data@example.com", "Credit applications",
                "confidential", "pii", null, null, "s3://sluice-producer-100000000002/credit-risk/",
                Map.of("domain", List.of("credit"), "sensitivity", List.of("pii")),
                List.of(new TableContract("applications", columns, List.of(), TableFormat.csv, true, null)),
                null, null, List.of(new Consumer("dev", List.of("SELECT", "DESCRIBE"))), allowBreakingChanges, retrain);
    }

    public static DataProductSpec crawled(String version) {
        return crawled("credit", "applications", version);
    }

    public static DataProductSpec crawled(String domain, String name, String version) {
        return new DataProductSpec(domain, name, version, "risk-data@example.com", "", "confidential", "pii",
                null, null, "s3://sluice-producer-100000000002/credit-risk/", Map.of("domain", List.of("credit")), null,
                TableDiscovery.crawler, "arn:aws:iam::100000000002:role/SluiceCrawler",
                List.of(new Consumer("dev", null)), null, null);
    }

    /** {@link #COLUMNS} with {@code column} removed. */
    public static List<Column> without(String column) {
        return COLUMNS.stream().filter(c -> !c.name().equals(column)).toList();
    }

    /** {@link #COLUMNS} with {@code column}'s type replaced. */
    public static List<Column> retyped(String column, String type) {
        return COLUMNS.stream().map(c -> c.name().equals(column) ? new Column(column, type) : c).toList();
    }

    /** {@link #COLUMNS} and one more. */
    public static List<Column> with(Column added) {
        List<Column> columns = new ArrayList<>(COLUMNS);
        columns.add(added);
        return columns;
    }

    public static BuildSpec retraining() {
        return new BuildSpec("dev", "credit-risk", "Credit risk classifier", "s3://sluice-dev-100000000003/flows/credit-risk.flow",
                Map.of("credit_risk.csv", "s3://sluice-producer-100000000002/credit-risk/applications/"),
                new ProcessingSpec(null, null, null, null, null, "s3://sluice-dev-100000000003/build", null, List.of()),
                new TrainingSpec(null, Map.of("num_round", "50"), null, null, null, Duration.ofMinutes(30),
                        Map.of("train", "split.train", "validation", "split.validation")),
                new EvaluationSpec("validation:auc", EvaluationSpec.Comparison.GreaterThanOrEqualTo, 0.75),
                "arn:aws:iam::100000000003:role/SluiceSageMakerExecution", Map.of(), PreStepSpec.NONE,
                new BuildSpec.Jobs(JobMode.local), false, null);
    }
}
