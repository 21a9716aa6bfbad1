package io.sluice.starter.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import io.sluice.client.config.ConfigFiles;
import io.sluice.starter.CliRun;
import io.sluice.starter.runs.GateQuery;
import io.sluice.workers.SluiceWorker;
import io.sluice.workers.WorkerMain;
import io.sluice.workers.WorkerModule;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.identity.IdentityProof;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** What the approval command tests share: starting {@link ReviewWorkflow} runs and running the CLI on one config. */
final class ReviewRuns {
    /** How long a test waits, at the server, for a run to close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final WorkflowClient client;
    private final String taskQueue;
    private final Path configFile;

    ReviewRuns(WorkflowClient client, String taskQueue, Path configFile) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.configFile = configFile;
    }

    /** A worker for {@code configFile} that also runs {@link ReviewWorkflow}. */
    static SluiceWorker startWorker(Path configFile) {
        return WorkerMain.start(ConfigFiles.read(configFile), new AbstractModule() {
            @Override
            protected void configure() {
                WorkerModule.workflowBinder(binder()).addBinding().toInstance(ReviewWorkflow.Impl.class);
            }
        });
    }

    /** Starts a review requested by {@code requester} (with their proof, or null) and waits until its gate is open. */
    void start(String workflowId, String requester, IdentityProof requesterProof) {
        ReviewWorkflow review = client.newWorkflowStub(ReviewWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .build());
        WorkflowClient.start(review::review, requester, requesterProof);
        awaitOpen(workflowId);
    }

    /** Returns once the gate of {@code workflowId} is open: the run answers its {@code awaitGateOpen} update then. */
    void awaitOpen(String workflowId) {
        client.newWorkflowStub(ReviewWorkflow.class, workflowId).awaitGateOpen();
        if (GateQuery.gateOf(client, workflowId).map(gate -> gate.state() != GateState.OPEN).orElse(true)) {
            throw new AssertionError("gate of " + workflowId + " is not open");
        }
    }

    /** {@code sluice status ID --json} once the run is no longer running. */
    JsonNode awaitClosedStatus(String workflowId) throws Exception {
        try {
            client.newUntypedWorkflowStub(workflowId).getResult(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS, ReviewWorkflow.Result.class);
        } catch (WorkflowException endedOtherwise) {
            // Failed, cancelled or terminated: closed all the same.
        }
        JsonNode json = status(workflowId);
        if (json.get("status").asText().equals("RUNNING")) {
            throw new AssertionError(workflowId + " did not close");
        }
        return json;
    }

    JsonNode status(String workflowId) throws Exception {
        return new ObjectMapper().readTree(cli("status", workflowId, "--json").out());
    }

    /** The CLI with {@code args} and this config. */
    CliRun cli(String... args) {
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = configFile.toString();
        return CliRun.of(withConfig);
    }
}
