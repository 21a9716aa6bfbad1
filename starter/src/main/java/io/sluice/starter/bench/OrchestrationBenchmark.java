package io.sluice.starter.bench;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.sluice.sandbox.FreePort;
import io.sluice.starter.specs.SpecFiles;
import io.sluice.starter.local.DemoScenario;
import io.sluice.starter.local.LocalStack;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.WorkflowIds;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.deployment.DeploymentSpec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bench orchestration}: what orchestration costs. Milliseconds per activity for
 * quick activities in a row, on the in-process Temporal test server and over loopback; history
 * events and the largest payload of the lifecycle's promotion and deployment on the local stack;
 * worker heap and threads with many approval gates open. Figures, not assertions.
 */
@Command(name = "orchestration", description = {"Benchmark orchestration: ms per activity in process and over loopback,",
        "history size of a promotion and a deployment, worker heap and threads with open gates."})
public final class OrchestrationBenchmark implements Callable<Integer> {
    private static final String QUEUE = "bench";
    private static final String NAMESPACE = "default";
    private static final long MIB = 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--activities", defaultValue = "1000", description = "Quick activities per run (default ${DEFAULT-VALUE}).")
    int activities;

    @Option(names = "--per-run", defaultValue = "100",
            description = "Activities per run, at most (default ${DEFAULT-VALUE}, the size of a long Sluice run).")
    int perRun;

    @Option(names = "--gates", defaultValue = "1000", description = "Approval gates held open at once (default ${DEFAULT-VALUE}).")
    int gates;

    @Option(names = "--no-lifecycle", description = "Skip the lifecycle on the local stack (history sizes).")
    boolean noLifecycle;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Quick activities need no timers: the servers keep real time, as a Temporal server does.
        try (var server = TestServer.createServer(true)) {
            registerSearchAttributes(OperatorServiceStubsOptions.newBuilder().setChannel(server.getChannel()));
            var inProcess = perActivity(server.getChannel(), null);
            out.printf("in process: %.2f ms per activity (%d in a row, in runs of %d, after a warm-up), %.2f ms CPU%n",
                    inProcess.wallMs(), activities, perRun, inProcess.cpuMs());
        }
        int port = FreePort.any();
        try (var server = TestServer.createPortBoundServer(port, true)) {
            registerSearchAttributes(OperatorServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port));
            var loopback = perActivity(null, "127.0.0.1:" + port);
            out.printf("over loopback: %.2f ms per activity, %.2f ms CPU%n", loopback.wallMs(), loopback.cpuMs());
        }
        out.flush();
        try (var server = TestServer.createServer(false)) {
            registerSearchAttributes(OperatorServiceStubsOptions.newBuilder().setChannel(server.getChannel()));
            heldGates(server.getChannel(), out);
        }
        if (!noLifecycle) {
            lifecycle(out);
        }
        return 0;
    }

    private PerActivity perActivity(ManagedChannel channel, String target) {
        return withWorker(channel, target, (factory, client) -> {
            var quick = new OrchestrationWorkloads.QuickActivity();
            var worker = factory.getWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(OrchestrationWorkloads.SequentialImpl.class);
            worker.registerActivitiesImplementations(quick);
            factory.start();
            runs(client, quick, "warm-up", Math.min(200, activities));
            long start = System.nanoTime();
            long cpuStart = ProcessCpu.nanos();
            runs(client, quick, "measured", activities);
            return new PerActivity((System.nanoTime() - start) / 1e6 / activities,
                    (ProcessCpu.nanos() - cpuStart) / 1e6 / activities);
        });
    }

    /** Wall-clock and CPU milliseconds (this process's, all threads: worker, client and, in process, the server) per activity. */
    private record PerActivity(double wallMs, double cpuMs) {}

    /** Runs {@code activities} quick activities in runs of at most {@link #perRun}, one run after the other. */
    private void runs(WorkflowClient client, OrchestrationWorkloads.QuickActivity quick, String id, int activities) {
        for (int done = 0, run = 1; done < activities; done += perRun, run++) {
            run(client, quick, id + "-" + run, Math.min(perRun, activities - done));
        }
    }

    /**
     * Runs {@code activities} quick activities and waits until the run closed. It waits for the
     * activities' calls before asking for the result, because the SDK's result call long-polls the
     * history and the test server scans the whole history for every event it adds.
     */
    private static void run(WorkflowClient client, OrchestrationWorkloads.QuickActivity quick, String id, int activities) {
        var stub = client.newWorkflowStub(OrchestrationWorkloads.Sequential.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("bench-" + id).build());
        WorkflowClient.start(stub::run, activities);
        quick.awaitCalls(activities, Duration.ofMinutes(5));
        int done = WorkflowStub.fromTyped(stub).getResult(Integer.class);
        if (done != activities) {
            throw new IllegalStateException("run " + id + " completed " + done + " of " + activities + " activities");
        }
    }

    private void heldGates(ManagedChannel channel, PrintWriter out) {
        withWorker(channel, null, (factory, client) -> {
            var policies = new OrchestrationWorkloads.Policies();
            var worker = factory.getWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(OrchestrationWorkloads.HeldGateImpl.class);
            worker.registerActivitiesImplementations(policies);
            factory.start();
            long heapBefore = settledHeap();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            for (int i = 0; i < gates; i++) {
                WorkflowClient.start(client.newWorkflowStub(OrchestrationWorkloads.HeldGate.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("bench-gate-" + i).build())::hold);
            }
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (policies.opened.get() < gates && System.nanoTime() < deadline) {
                sleep(100);
            }
            sleep(2000);
            long heapAfter = settledHeap();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            out.printf("%d gates open (%d opened): worker heap %+.1f MiB (%.1f -> %.1f MiB after GC), threads %+d (%d -> %d): %s%n",
                    gates, policies.opened.get(), (heapAfter - heapBefore) / (double) MIB, heapBefore / (double) MIB,
                    heapAfter / (double) MIB, threadsAfter - threadsBefore, threadsBefore, threadsAfter, threadKinds());
            out.flush();
            return null;
        });
    }

    private void lifecycle(PrintWriter out) throws Exception {
        Path directory = Files.createTempDirectory("sluice-bench-lifecycle-");
        out.println("lifecycle on a fresh local stack (state in " + directory + ") ...");
        out.flush();
        try (var stack = LocalStack.start(directory, FreePort.any(), true)) {
            var quiet = new PrintWriter(java.io.Writer.nullWriter());
            var scenario = DemoScenario.approvingEveryGate(stack, quiet);
            scenario.run();
            if (!scenario.failures().isEmpty()) {
                out.println("the lifecycle did not complete: " + scenario.failures());
                return;
            }
            var stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
            try {
                var client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
                // A fresh stack's first build registers version 1 of the sample group in dev.
                BuildSpec build = SpecFiles.read(stack.buildSpec(), BuildSpec.class);
                String sourcePackage = "arn:aws:sagemaker:" + stack.config().region() + ":"
                        + stack.config().accounts().get(build.account()).id() + ":model-package/" + build.modelPackageGroup() + "/1";
                for (String workflowId : List.of(WorkflowIds.promote(sourcePackage),
                        WorkflowIds.deploy(SpecFiles.read(stack.deploySpec(), DeploymentSpec.class).endpointName()))) {
                    out.println(describe(workflowId, client.fetchHistory(workflowId)));
                }
            } finally {
                stubs.shutdownNow();
            }
        }
    }

    /** The live threads by kind (their name without ids and numbers), the largest kinds first. */
    static String threadKinds() {
        var kinds = Thread.getAllStackTraces().keySet().stream()
                .map(thread -> thread.getName().replaceAll("[-:\\s]*[0-9a-f]{8}-[0-9a-f-]{27,}.*$", "").replaceAll("[-_: #]*\\d+$", ""))
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.stream.Collectors.counting()));
        return kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .map(kind -> kind.getValue() + " " + kind.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Past this, a payload is reported by name: the goal for every payload of a promotion. */
    static final int PAYLOAD_GOAL_BYTES = 2048;

    /**
     * Events, the result's size and the largest payload of a history, with the event that carried
     * it, and every payload past {@link #PAYLOAD_GOAL_BYTES} by its event and activity type.
     */
    static String describe(String workflowId, WorkflowExecutionHistory history) {
        int largest = 0;
        int result = 0;
        String where = "";
        Map<Long, String> activityTypes = new java.util.HashMap<>();
        List<String> over = new ArrayList<>();
        for (HistoryEvent event : history.getEvents()) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                activityTypes.put(event.getEventId(), event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            }
            String name = event.getEventType().name().replace("EVENT_TYPE_", "") + " #" + event.getEventId()
                    + activityOf(event, activityTypes);
            List<Payload> payloads = new ArrayList<>();
            collect(event, payloads);
            for (Payload payload : payloads) {
                if (payload.getSerializedSize() > largest) {
                    largest = payload.getSerializedSize();
                    where = name;
                }
                if (event.hasWorkflowExecutionCompletedEventAttributes()) {
                    result = Math.max(result, payload.getSerializedSize());
                }
                if (payload.getSerializedSize() > PAYLOAD_GOAL_BYTES) {
                    over.add(String.format("%s %.1f KB", name, payload.getSerializedSize() / 1024.0));
                }
            }
        }
        return String.format("%s: %d history events, result %.1f KB, largest payload %.1f KB (%s); over %.0f KB: %s", workflowId,
                history.getEvents().size(), result / 1024.0, largest / 1024.0, where, PAYLOAD_GOAL_BYTES / 1024.0,
                over.isEmpty() ? "none" : String.join(", ", over));
    }

    /** The activity type an activity event is about, as {@code " (Type)"}; empty for other events. */
    private static String activityOf(HistoryEvent event, Map<Long, String> activityTypes) {
        long scheduled = event.hasActivityTaskScheduledEventAttributes() ? event.getEventId()
                : event.hasActivityTaskCompletedEventAttributes() ? event.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                : event.hasActivityTaskFailedEventAttributes() ? event.getActivityTaskFailedEventAttributes().getScheduledEventId()
                : -1;
        String type = activityTypes.get(scheduled);
        return type == null ? "" : " (" + type + ")";
    }

    private static void collect(Message message, List<Payload> payloads) {
        if (message instanceof Payload payload) {
            payloads.add(payload);
            return;
        }
        for (var field : message.getAllFields().entrySet()) {
            Object value = field.getValue();
            if (value instanceof Message nested) {
                collect(nested, payloads);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Message.class::isInstance).forEach(each -> collect((Message) each, payloads));
            } else if (value instanceof Map<?, ?> map) {
                map.values().stream().filter(Message.class::isInstance).forEach(each -> collect((Message) each, payloads));
            }
        }
    }

    private interface WithWorker<T> {
        T run(WorkerFactory factory, WorkflowClient client) throws Exception;
    }

    private static <T> T withWorker(ManagedChannel channel, String target, WithWorker<T> body) {
        var options = WorkflowServiceStubsOptions.newBuilder();
        if (channel != null) {
            options.setChannel(channel);
        } else {
            options.setTarget(target);
        }
        var stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        var client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
        var factory = WorkerFactory.newInstance(client);
        factory.newWorker(QUEUE);
        try {
            return body.run(factory, client);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e.getMessage(), e);
        } finally {
            factory.shutdown();
            factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            stubs.shutdown();
            stubs.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void registerSearchAttributes(OperatorServiceStubsOptions.Builder options) {
        var request = AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
        SluiceSearchAttributes.ALL.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
        var operator = OperatorServiceStubs.newServiceStubs(options.validateAndBuildWithDefaults());
        try {
            operator.blockingStub().addSearchAttributes(request.build());
        } finally {
            operator.shutdownNow();
        }
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(200);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
