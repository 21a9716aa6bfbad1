package io.sluice.starter;

import io.sluice.client.codec.KmsDataKeys;
import io.sluice.client.config.SluiceConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A client command's connection to Temporal, closed when the command ends. */
public final class TemporalSession implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;
    private final String taskQueue;

    private TemporalSession(WorkflowServiceStubs stubs, WorkflowClient client, String taskQueue) {
        this.stubs = stubs;
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /** Connects as {@code config} says; fails with exit code 4 when Temporal does not answer. */
    public static TemporalSession open(SluiceConfig config) {
        var profile = TemporalConnection.profile(config.temporal(), System.getenv());
        var stubs = TemporalConnection.connect(profile, CONNECT_TIMEOUT);
        var converter = KmsDataKeys.dataConverter(config, System.getenv());
        return new TemporalSession(stubs, TemporalConnection.client(stubs, profile, converter), config.temporal().taskQueue());
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    public String taskQueue() {
        return taskQueue;
    }

    @Override
    public void close() {
        stubs.shutdown();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
}
