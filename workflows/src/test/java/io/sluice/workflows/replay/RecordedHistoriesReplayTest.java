package io.sluice.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.workflows.approval.GateHostWorkflow;
import io.sluice.workflows.build.BuildModelWorkflowImpl;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflowImpl;
import io.sluice.workflows.deployment.DeployModelWorkflowImpl;
import io.sluice.workflows.promotion.PromoteModelWorkflowImpl;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded history under {@code histories/} replays with today's workflows, the order of its
 * calls checked ({@link ReorderCheckingReplayer}). A history's file name starts with its workflow: {@code build-model-},
 * {@code promote-model-}, {@code deploy-model-}, {@code register-data-product-}; the gate's own
 * histories ({@code approval-gate-}) on the test workflow that hosts a gate. Each runs under the
 * workflow id {@code histories/workflow-ids.properties} gives it. A new history is picked up by its name.
 */
class RecordedHistoriesReplayTest {
    /** Every workflow type, so a history with child workflows replays too. */
    private static final List<Class<?>> WORKFLOWS = List.of(BuildModelWorkflowImpl.class, PromoteModelWorkflowImpl.class,
            DeployModelWorkflowImpl.class, RegisterDataProductWorkflowImpl.class, GateHostWorkflow.Impl.class);
    private static final List<String> PREFIXES = List.of("build-model-", "promote-model-", "deploy-model-",
            "register-data-product", "approval-gate-");

    static Stream<String> histories() throws IOException, URISyntaxException {
        Path folder = Path.of(RecordedHistoriesReplayTest.class.getClassLoader().getResource("histories").toURI());
        try (var files = Files.list(folder)) {
            List<String> names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
            assertThat(names).allSatisfy(name -> assertThat(PREFIXES).as("the workflow of history " + name)
                    .anyMatch(name::startsWith));
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void history_replaysInOrderWithTheCurrentWorkflows(String name) throws Exception {
        String workflowId = workflowIds().getProperty(name);
        assertThat(workflowId).as("the workflow id of " + name + " in histories/workflow-ids.properties").isNotBlank();
        List<String> changed = ReorderCheckingReplayer.replayFromResource("histories/" + name, workflowId,
                WORKFLOWS.toArray(Class<?>[]::new));
        changed.forEach(change -> System.out.println(name + ": " + change));
    }

    private static Properties workflowIds() throws IOException {
        var ids = new Properties();
        try (var in = RecordedHistoriesReplayTest.class.getClassLoader().getResourceAsStream("histories/workflow-ids.properties")) {
            ids.load(in);
        }
        return ids;
    }
}
