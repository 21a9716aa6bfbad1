package io.sluice.workers;

import com.google.inject.AbstractModule;
import io.sluice.activities.ActivitiesModule;
import io.sluice.client.config.ConfigFiles;
import io.sluice.client.config.SluiceConfig;
import io.sluice.client.config.TemporalConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.sluice.client.temporal.TemporalUnreachableException;
import io.sluice.sandbox.ConfigFixtures;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.workflows.SluiceSearchAttributes;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SluiceWorkerTest {
    private static LocalTemporal temporal;

    @BeforeAll
    static void startTemporal() {
        temporal = LocalTemporal.startTestServer(FreePort.any(), SluiceSearchAttributes.ALL);
    }

    @AfterAll
    static void stopTemporal() {
        temporal.close();
    }

    @Test
    void worker_connectsToTheEmbeddedTemporalAndRunsAWorkflowATestRegistered() {
        SluiceConfig config = configFor(temporal.target(), "worker-test");
        try (SluiceWorker worker = WorkerMain.start(config, new GreetingModule())) {
            var profile = TemporalConnection.profile(config.temporal(), Map.of());
            var stubs = TemporalConnection.connect(profile, Duration.ofSeconds(5));
            try {
                WorkflowClient client = TemporalConnection.client(stubs, profile,
                        TemporalConnection.dataConverter(config.temporal(), Map.of()));
                var workflow = client.newWorkflowStub(GreetingWorkflow.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(worker.taskQueue())
                        .setWorkflowId("greeting/sluice")
                        .build());

                String result = workflow.greet("sluice");

                assertThat(result).isEqualTo("hello sluice, stage greeting");
            } finally {
                stubs.shutdownNow();
            }
        }
    }

    @Test
    void connect_failsNamingTheTargetWhenNoServerAnswers() {
        String target = "127.0.0.1:" + FreePort.any();
        var profile = TemporalConnection.profile(TemporalConfig.plain(target, "default"), Map.of());

        assertThatThrownBy(() -> TemporalConnection.connect(profile, Duration.ofSeconds(2)))
                .isInstanceOf(TemporalUnreachableException.class)
                .hasMessageContaining("cannot reach Temporal at " + target);
    }

    private static SluiceConfig configFor(String target, String taskQueue) {
        return ConfigFiles.parse("test.yaml", """
                region: us-east-1
                """ + ConfigFixtures.ACCOUNTS + """
                temporal: {target: "%s", taskQueue: %s}
                local: {awsEndpoint: "http://127.0.0.1:1"}
                """.formatted(target, taskQueue) + ConfigFixtures.DECLARED_GATES_WITH_QUORUM);
    }

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface(namePrefix = "Greeting")
    public interface GreetingActivities {
        String compose(String name);
    }

    public static final class GreetingWorkflowImpl implements GreetingWorkflow {
        private final GreetingActivities activities = Workflow.newActivityStub(GreetingActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String greet(String name) {
            Workflow.upsertTypedSearchAttributes(SluiceSearchAttributes.STAGE.valueSet("greeting"));
            String stage = Workflow.getTypedSearchAttributes().get(SluiceSearchAttributes.STAGE);
            return activities.compose(name) + ", stage " + stage;
        }
    }

    static final class GreetingActivitiesImpl implements GreetingActivities {
        @Override
        public String compose(String name) {
            return "hello " + name;
        }
    }

    static final class GreetingModule extends AbstractModule {
        @Override
        protected void configure() {
            WorkerModule.workflowBinder(binder()).addBinding().toInstance(GreetingWorkflowImpl.class);
            ActivitiesModule.activityBinder(binder()).addBinding().toInstance(new GreetingActivitiesImpl());
        }
    }
}
