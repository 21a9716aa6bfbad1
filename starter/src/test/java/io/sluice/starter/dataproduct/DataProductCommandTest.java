package io.sluice.starter.dataproduct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import io.sluice.activities.ActivitiesModule;
import io.sluice.activities.dataproduct.DataProductActivitiesImpl;
import io.sluice.client.config.ConfigFiles;
import io.sluice.sandbox.ConfigFixtures;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.CliErrors;
import io.sluice.starter.CliRun;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.workers.SluiceWorker;
import io.sluice.workers.WorkerMain;
import io.sluice.workers.WorkerModule;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.dataproduct.DataProductSpec;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflowImpl;
import io.sluice.workflows.dataproduct.TableFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalAwsExtension.class)
class DataProductCommandTest {
    static final String PRODUCER_BUCKET = "sluice-producer-100000000002";

    @TempDir
    static Path directory;
    static LocalTemporal temporal;

    @BeforeAll
    static void startTemporal() {
        temporal = LocalTemporal.startTestServer(FreePort.any(), SluiceSearchAttributes.ALL);
    }

    @AfterAll
    static void stopTemporal() {
        temporal.close();
    }

    @Test
    void sample_isAValidSpecOfTheCreditRiskApplications() throws Exception {
        Path file = directory.resolve("sample.yaml");
        Files.writeString(file, SampleDataProduct.sample("s3://" + PRODUCER_BUCKET + "/"));

        DataProductSpec spec = SpecFiles.read(file, DataProductSpec.class);

        assertThat(spec.database()).isEqualTo("credit_applications");
        assertThat(spec.tables()).singleElement().satisfies(table -> {
            assertThat(table.location()).isEqualTo("s3://" + PRODUCER_BUCKET + "/credit-risk/applications/");
            assertThat(table.format()).isEqualTo(TableFormat.csv);
            assertThat(table.columns().stream().map(column -> column.name()).collect(Collectors.joining(",")))
                    .isEqualTo(io.sluice.sandbox.CreditRiskData.HEADER);
        });
        assertThat(spec.consumers()).singleElement().satisfies(consumer -> {
            assertThat(consumer.account()).isEqualTo("dev");
            assertThat(consumer.permissions()).containsExactly("SELECT", "DESCRIBE");
        });
    }

    @Test
    void specWithABadColumnName_isBadInputNamingTheField() throws Exception {
        Path file = directory.resolve("bad.yaml");
        Files.writeString(file, SampleDataProduct.sample(PRODUCER_BUCKET).replace("name: loan_amount", "name: Loan-Amount"));

        CliRun run = cli("register", "--spec", file.toString(), "--config", directory.resolve("absent.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tables[0].columns[3].name 'Loan-Amount' is not a Glue name");
    }

    @Test
    void register_thenShow_onTheLocalStack_andABreakingVersionIsRefused(LocalAws localAws) throws Exception {
        Path config = writeConfig(localAws);
        Path spec = directory.resolve("data-product.yaml");
        Files.writeString(spec, SampleDataProduct.sample(PRODUCER_BUCKET));
        SluiceWorker worker = WorkerMain.start(ConfigFiles.read(config), new DataProductModule());
        try {
            CliRun registered = cli("register", "--spec", spec.toString(), "--wait", "--config", config.toString(),
                    "--as", "data-steward@example.com");

            assertThat(registered.exitCode()).as(registered.err()).isEqualTo(0);
            assertThat(registered.out()).contains("data-product/credit/applications").contains("ended REGISTERED");

            CliRun shown = cli("show", "credit/applications", "--config", config.toString());
            assertThat(shown.exitCode()).as(shown.err()).isEqualTo(0);
            assertThat(shown.out())
                    .contains("data product  credit/applications 1.0.0")
                    .contains("database      credit_applications in catalog 100000000001")
                    .contains("applications (csv with header, s3://" + PRODUCER_BUCKET + "/credit-risk/applications/): "
                            + "customer_id string, age bigint")
                    .contains("tags          domain=credit, sensitivity=pii")
                    .contains("dev (100000000003): DESCRIBE, SELECT on TABLE where {domain=credit, sensitivity=pii}")
                    .contains("producer (100000000002): ALTER, CREATE_TABLE, DESCRIBE on database credit_applications")
                    .contains("producer: credit_applications -> 100000000001:credit_applications")
                    .contains("dev: credit_applications -> 100000000001:credit_applications");

            CliRun json = cli("show", "credit/applications", "--json", "--config", config.toString());
            JsonNode result = new ObjectMapper().readTree(json.out());
            assertThat(result.get("outcome").asText()).isEqualTo("REGISTERED");
            assertThat(result.get("tables").get(0).get("columns")).hasSize(10);
            assertThat(result.get("buildWorkflowId").asText()).isEmpty();

            Path breaking = directory.resolve("breaking.yaml");
            Files.writeString(breaking, SampleDataProduct.sample(PRODUCER_BUCKET).replace("version: 1.0.0", "version: 2.0.0")
                    .replace("      - {name: income, type: bigint}\n", ""));
            CliRun refused = cli("register", "--spec", breaking.toString(), "--wait", "--config", config.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("ended FAILED").contains("applications.income removed");

            CliRun unknown = cli("show", "credit/unknown", "--config", config.toString());
            assertThat(unknown.exitCode()).isEqualTo(4);
        } finally {
            worker.close();
        }
    }

    private static Path writeConfig(LocalAws localAws) throws Exception {
        Path config = directory.resolve("sluice.yaml");
        Files.writeString(config, ConfigFixtures.localConfig(localAws, temporal.target(), localAws.awsEndpoint().toString()));
        return config;
    }

    /** The command tree below {@code sluice}, as {@code SluiceMain} configures it. */
    private static CliRun cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = new CommandLine(new DataProductCommand())
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** What the worker module is to bind for data products: the workflow and its activities. */
    static final class DataProductModule extends AbstractModule {
        @Override
        protected void configure() {
            WorkerModule.workflowBinder(binder()).addBinding().toInstance(RegisterDataProductWorkflowImpl.class);
            ActivitiesModule.activityBinder(binder()).addBinding().to(DataProductActivitiesImpl.class);
        }
    }
}
