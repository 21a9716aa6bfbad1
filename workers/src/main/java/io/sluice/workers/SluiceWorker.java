package io.sluice.workers;

import io.sluice.activities.SluiceActivities;
import io.sluice.activities.aws.AwsClients;
import io.sluice.client.config.SluiceConfig;
import io.sluice.workers.metrics.WorkerMetrics;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Sluice worker: polls the configured task queue for every bound workflow type and
 * activity. {@link #close()} shuts down gracefully: no new tasks are taken, running ones get
 * {@link #SHUTDOWN_GRACE_SECONDS} to finish, then the connection and AWS clients are closed.
 */
public final class SluiceWorker implements AutoCloseable {
    /** The longest a running step's heartbeats are held back, and so how late it may learn of a cancellation. */
    static final Duration HEARTBEAT_AT_LEAST_EVERY = Duration.ofSeconds(5);

    /** Seconds in-flight tasks get to finish on shutdown. */
    public static final int SHUTDOWN_GRACE_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(SluiceWorker.class);

    private final WorkerFactory factory;
    private final WorkflowServiceStubs stubs;
    private final AwsClients awsClients;
    private final String taskQueue;
    private final boolean stickyExecution;
    private final Set<Object> activities;
    private final Set<Class<?>> workflowTypes;
    private final WorkerMetrics metrics;
    private final int metricsPort;

    @Inject
    SluiceWorker(WorkerFactory factory, WorkflowServiceStubs stubs, AwsClients awsClients, SluiceConfig config,
            @SluiceActivities Set<Object> activities, @SluiceWorkflows Set<Class<?>> workflowTypes, WorkerMetrics metrics) {
        this.factory = factory;
        this.stubs = stubs;
        this.awsClients = awsClients;
        this.taskQueue = config.temporal().taskQueue();
        this.stickyExecution = config.temporal().stickyExecution();
        this.activities = activities;
        this.workflowTypes = workflowTypes;
        this.metrics = metrics;
        this.metricsPort = config.temporal().metricsPort();
    }

    /** Registers every workflow type and activity and starts polling. */
    public SluiceWorker start() {
        Worker worker = factory.newWorker(taskQueue, workerOptions(stickyExecution));
        if (!workflowTypes.isEmpty()) {
            worker.registerWorkflowImplementationTypes(workflowTypes.toArray(Class<?>[]::new));
        }
        if (!activities.isEmpty()) {
            worker.registerActivitiesImplementations(activities.toArray());
        }
        factory.start();
        if (metricsPort > 0) {
            log.info("metrics on http://0.0.0.0:{}/metrics", metrics.serve(metricsPort));
        }
        log.debug("worker polling task queue {} with {} workflow types and {} activity implementations",
                taskQueue, workflowTypes.size(), activities.size());
        return this;
    }

    /**
     * Without sticky execution the worker completes each workflow task without sticky attributes
     * (a zero sticky schedule-to-start timeout), so the server sends every task to the task queue
     * and any worker can take it; each task then carries the run's whole history.
     *
     * <p>A step learns that its run was cancelled from the answer to its next heartbeat. The SDK
     * sends heartbeats at most every 80 % of the heartbeat timeout (two minutes for a waiting step)
     * unless capped; {@link #HEARTBEAT_AT_LEAST_EVERY} caps it, so a cancelled step stops the AWS
     * work it started within seconds rather than a minute and a half.
     */
    static WorkerOptions workerOptions(boolean stickyExecution) {
        var options = WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(HEARTBEAT_AT_LEAST_EVERY);
        if (!stickyExecution) {
            options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
        return options.build();
    }

    public String taskQueue() {
        return taskQueue;
    }

    /** Blocks until the worker has been shut down. */
    public void awaitTermination() throws InterruptedException {
        while (!factory.isTerminated()) {
            factory.awaitTermination(1, TimeUnit.HOURS);
        }
    }

    @Override
    public void close() {
        if (!factory.isShutdown()) {
            factory.shutdown();
        }
        factory.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        if (!factory.isTerminated()) {
            log.warn("tasks still running after {} s; stopping them", SHUTDOWN_GRACE_SECONDS);
            factory.shutdownNow();
            factory.awaitTermination(5, TimeUnit.SECONDS);
        }
        stubs.shutdown();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
        awsClients.close();
        metrics.close();
    }
}
