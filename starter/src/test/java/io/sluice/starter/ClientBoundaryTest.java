package io.sluice.starter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client boundary: commands that talk to a running Sluice (start, follow, approve, cancel)
 * use the workflows' contract and the client module only, never the activities, the worker or the
 * local stack (the CLI's composition, {@code SluiceMain} and {@code SluiceCommand} listing every
 * command, and {@code sluice worker} aside), so that {@code sluice status} on a governance officer's laptop carries no SageMaker,
 * training or local-stack code. The local tools ({@code dev}, {@code demo}, {@code flow},
 * {@code aws check}, {@code bench}, {@code bootstrap}, {@code worker}) may use them.
 */
class ClientBoundaryTest {
    private static final String[] CLIENT_PACKAGES = {
        "io.sluice.starter", "io.sluice.starter.approvals..", "io.sluice.starter.runs..", "io.sluice.starter.model..",
        "io.sluice.starter.dataproduct..", "io.sluice.starter.identity..", "io.sluice.starter.specs.."};
    private static final String[] NOT_FOR_CLIENTS = {
        "io.sluice.activities..", "io.sluice.workers..", "io.sluice.sandbox..", "io.sluice.starter.local..",
        "io.sluice.starter.aws..", "io.sluice.starter.bench..", "io.sluice.starter.bootstrap..", "io.sluice.starter.flow.."};

    private static JavaClasses starter;

    @BeforeAll
    static void importStarter() {
        starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice.starter");
    }

    @Test
    void clientCommands_dependOnTheClientAndTheWorkflowsOnly() {
        boundary(CLIENT_PACKAGES).check(starter);
    }

    @Test
    void theRuleSeesTheCommands_andRefusesALocalTool() {
        assertThat(starter.contain("io.sluice.starter.approvals.ApproveCommand")).isTrue();
        assertThat(starter.contain("io.sluice.starter.runs.StatusCommand")).isTrue();

        var demo = boundary("io.sluice.starter.local..").evaluate(starter);

        assertThat(demo.hasViolation()).isTrue();
        assertThat(demo.getFailureReport().getDetails()).anyMatch(line -> line.contains("io.sluice.sandbox"));
    }

    private static ArchRule boundary(String... packages) {
        return noClasses()
                .that().resideInAnyPackage(packages)
                .and(not(simpleName("SluiceMain")))
                .and(not(simpleName("SluiceCommand")))
                .and(not(simpleName("WorkerCommand")))
                .should().dependOnClassesThat(resideInAnyPackage(NOT_FOR_CLIENTS))
                .because("client commands use only workflows and client (see README, What is here)");
    }
}
