package io.sluice.workflows.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays a recorded history as {@link WorkflowReplayer} does, and also checks what Temporal's
 * replay does not: the order of calls of one type. Temporal matches a replayed command by its
 * type and position only, so two calls of one activity type swapped would replay "fine" and
 * hand each call the other's recorded result. Here each activity and child workflow the code
 * schedules is compared with the history's call at that position: a call whose input is the one
 * the history recorded for another call of its type fails the replay as reordered.
 *
 * <p>An input that changed and matches no other call is not a replay hazard (the recorded result
 * stands; only a retry after the change would send the new input): it is reported by
 * {@link #replay}, not failed. Inputs match when every field the history recorded is equal and
 * each field the current code added is null, empty or false.
 */
public final class ReorderCheckingReplayer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

    /** One scheduled activity or child workflow: its type and its input, as JSON. */
    record Scheduled(String kind, String type, List<JsonNode> input) {
        @Override
        public String toString() {
            return kind + " " + type + " " + input;
        }
    }

    private ReorderCheckingReplayer() {}

    /**
     * Replays the history in classpath resource {@code resource}, as workflow {@code workflowId},
     * against {@code workflowClasses}; fails naming the first difference.
     */
    public static List<String> replayFromResource(String resource, String workflowId, Class<?>... workflowClasses) throws Exception {
        String json;
        try (InputStream in = ReorderCheckingReplayer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no history resource " + resource);
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return replay(resource, WorkflowExecutionHistory.fromJson(json, workflowId), workflowClasses);
    }

    /**
     * Replays {@code history}, named {@code name} in failures; returns the calls whose input
     * changed since the history was recorded, each described.
     */
    public static List<String> replay(String name, WorkflowExecutionHistory history, Class<?>... workflowClasses) throws Exception {
        List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
        var options = TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new Recorder(scheduled)).build())
                .build();
        try (var environment = TestWorkflowEnvironment.newInstance(options)) {
            var worker = environment.newWorker("reorder-checking-replay");
            worker.registerWorkflowImplementationTypes(workflowClasses);
            WorkflowReplayer.replayWorkflowExecution(history, worker);
        }
        return compare(name, recorded(history), scheduled);
    }

    static List<Scheduled> recorded(WorkflowExecutionHistory history) {
        List<Scheduled> recorded = new ArrayList<>();
        for (HistoryEvent event : history.getEvents()) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                var attributes = event.getActivityTaskScheduledEventAttributes();
                recorded.add(new Scheduled("activity", attributes.getActivityType().getName(), json(attributes.getInput())));
            } else if (event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
                var attributes = event.getStartChildWorkflowExecutionInitiatedEventAttributes();
                recorded.add(new Scheduled("child workflow", attributes.getWorkflowType().getName(), json(attributes.getInput())));
            }
        }
        return recorded;
    }

    static List<String> compare(String name, List<Scheduled> recorded, List<Scheduled> replayed) {
        List<String> changed = new ArrayList<>();
        int count = Math.min(recorded.size(), replayed.size());
        for (int i = 0; i < count; i++) {
            Scheduled then = recorded.get(i);
            Scheduled now = replayed.get(i);
            if (!then.type().equals(now.type()) || !then.kind().equals(now.kind())) {
                throw new AssertionError(name + ": call " + (i + 1) + " is another type than the history's.\n  recorded: " + then
                        + "\n  replayed: " + now);
            }
            if (matches(then.input(), now.input())) {
                continue;
            }
            for (int j = 0; j < recorded.size(); j++) {
                if (j != i && recorded.get(j).kind().equals(now.kind()) && recorded.get(j).type().equals(now.type())
                        && matches(recorded.get(j).input(), now.input())) {
                    throw new AssertionError(name + ": call " + (i + 1) + " has the input the history recorded for call " + (j + 1)
                            + ": the calls were reordered, and each would get the other's result.\n  recorded: " + then
                            + "\n  replayed: " + now);
                }
            }
            changed.add("call " + (i + 1) + " " + now.kind() + " " + now.type() + ": input changed since the history was recorded");
        }
        if (recorded.size() > replayed.size()) {
            throw new AssertionError(name + ": the history scheduled " + recorded.get(count) + ", which the replay never did");
        }
        return changed;
    }

    /** Whether {@code now} carries what {@code then} recorded; fields only {@code now} has must be null, empty or false. */
    static boolean matches(List<JsonNode> then, List<JsonNode> now) {
        if (then.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < then.size(); i++) {
            if (!matches(then.get(i), now.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonNode then, JsonNode now) {
        if (then.isObject() && now.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = now.fields(); fields.hasNext(); ) {
                var field = fields.next();
                JsonNode recorded = then.get(field.getKey());
                if (recorded == null ? !isUnset(field.getValue()) : !matches(recorded, field.getValue())) {
                    return false;
                }
            }
            for (Iterator<String> names = then.fieldNames(); names.hasNext(); ) {
                if (!now.has(names.next())) {
                    return false;
                }
            }
            return true;
        }
        if (then.isArray() && now.isArray()) {
            if (then.size() != now.size()) {
                return false;
            }
            for (int i = 0; i < then.size(); i++) {
                if (!matches(then.get(i), now.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return then.equals(now);
    }

    private static boolean isUnset(JsonNode value) {
        return value.isNull() || (value.isContainerNode() && value.isEmpty()) || (value.isBoolean() && !value.asBoolean())
                || (value.isTextual() && value.asText().isEmpty());
    }

    private static List<JsonNode> json(Payloads payloads) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Payload payload : payloads.getPayloadsList()) {
            nodes.add(json(payload));
        }
        return nodes;
    }

    private static JsonNode json(Payload payload) {
        try {
            return JSON.readTree(payload.getData().toByteArray());
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(payload.getData().toStringUtf8());
        }
    }

    private static List<JsonNode> json(Object[] arguments) {
        Optional<Payloads> payloads = CONVERTER.toPayloads(arguments);
        return payloads.map(ReorderCheckingReplayer::json).orElse(List.of());
    }

    /** Records each activity and child workflow the replayed code schedules. */
    private static final class Recorder extends WorkerInterceptorBase {
        private final List<Scheduled> scheduled;

        Recorder(List<Scheduled> scheduled) {
            this.scheduled = scheduled;
        }

        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
            return new WorkflowInboundCallsInterceptorBase(next) {
                @Override
                public void init(WorkflowOutboundCallsInterceptor outbound) {
                    super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                        @Override
                        public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                            scheduled.add(new Scheduled("activity", input.getActivityName(), json(input.getArgs())));
                            return super.executeActivity(input);
                        }

                        @Override
                        public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
                            scheduled.add(new Scheduled("child workflow", input.getWorkflowType(), json(input.getArgs())));
                            return super.executeChildWorkflow(input);
                        }
                    });
                }
            };
        }
    }
}
