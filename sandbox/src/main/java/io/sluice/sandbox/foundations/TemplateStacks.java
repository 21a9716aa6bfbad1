package io.sluice.sandbox.foundations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Applies a template as a stack, directly (no change set): for foundations whose plan nobody
 * reviews. Idempotent by stack name: a stack that already runs the same template body with the
 * same parameter values is left as it is; one that differs is updated; one that never came up
 * (a failed creation, left in {@code ROLLBACK_COMPLETE} and the like) is deleted and created
 * again. Every change is awaited. IAM resources with custom names are allowed.
 */
public final class TemplateStacks {
    /** States of a stack whose creation failed: it can only be deleted. */
    private static final Set<StackStatus> NEVER_CREATED = Set.of(StackStatus.ROLLBACK_COMPLETE, StackStatus.ROLLBACK_FAILED,
            StackStatus.CREATE_FAILED, StackStatus.DELETE_FAILED);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LAST_POLL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private TemplateStacks() {}

    /**
     * Creates, updates or leaves the stack {@code stackName} so that it runs {@code templateBody}
     * with {@code parameters}, and waits until it is done.
     *
     * @return the stack as it ended, with its outputs and whether this call changed it
     * @throws StackFailedException if the stack ends in any state but CREATE_COMPLETE or UPDATE_COMPLETE
     */
    public static AppliedStack apply(CloudFormationClient cloudFormation, String stackName, String templateBody,
            Map<String, String> parameters, Map<String, String> tags) {
        var stackParameters = new TreeMap<>(parameters).entrySet().stream()
                .map(entry -> Parameter.builder().parameterKey(entry.getKey()).parameterValue(entry.getValue()).build()).toList();
        var stackTags = new TreeMap<>(tags).entrySet().stream()
                .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build()).toList();
        Optional<Stack> existing = await(cloudFormation, stackName);
        if (existing.isPresent() && NEVER_CREATED.contains(existing.get().stackStatus())) {
            cloudFormation.deleteStack(delete -> delete.stackName(stackName));
            await(cloudFormation, stackName);
            existing = Optional.empty();
        }
        if (existing.isEmpty()) {
            try {
                cloudFormation.createStack(create -> create.stackName(stackName).templateBody(templateBody).parameters(stackParameters)
                        .tags(stackTags).capabilitiesWithStrings("CAPABILITY_NAMED_IAM"));
            } catch (CloudFormationException e) {
                // AWS creates no stack when CreateStack is refused. Moto creates resources within the
                // call, answers with the first resource's error, and keeps the stack CREATE_IN_PROGRESS
                // for ever: remove it so the next application starts clean.
                deleteQuietly(cloudFormation, stackName, e);
                throw e;
            }
            return finished(cloudFormation, stackName);
        }
        if (sameAsApplied(cloudFormation, existing.get(), templateBody, parameters)) {
            return AppliedStack.of(existing.get(), false);
        }
        try {
            cloudFormation.updateStack(update -> update.stackName(stackName).templateBody(templateBody).parameters(stackParameters)
                    .tags(stackTags).capabilitiesWithStrings("CAPABILITY_NAMED_IAM"));
        } catch (CloudFormationException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No updates are to be performed")) {
                throw e;
            }
            return AppliedStack.of(existing.get(), false);
        }
        return finished(cloudFormation, stackName);
    }

    private static AppliedStack finished(CloudFormationClient cloudFormation, String stackName) {
        Stack stack = await(cloudFormation, stackName).orElseThrow(() -> new StackFailedException(stackName, "DELETE_COMPLETE", ""));
        if (stack.stackStatus() == StackStatus.CREATE_COMPLETE || stack.stackStatus() == StackStatus.UPDATE_COMPLETE) {
            return AppliedStack.of(stack, true);
        }
        throw new StackFailedException(stackName, stack.stackStatusAsString(), firstFailure(cloudFormation, stack));
    }

    private static void deleteQuietly(CloudFormationClient cloudFormation, String stackName, RuntimeException cause) {
        try {
            if (describe(cloudFormation, stackName).isPresent()) {
                cloudFormation.deleteStack(delete -> delete.stackName(stackName));
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Polls, backing off from 100 ms to 15 s, until the stack is in no {@code _IN_PROGRESS} state or is gone. */
    private static Optional<Stack> await(CloudFormationClient cloudFormation, String stackName) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Duration pause = FIRST_POLL;
        while (true) {
            Optional<Stack> stack = describe(cloudFormation, stackName);
            if (stack.isEmpty() || !stack.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return stack;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackFailedException(stackName, stack.get().stackStatusAsString(), "still in progress after " + TIMEOUT);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for stack " + stackName, e);
            }
            pause = pause.multipliedBy(2).compareTo(LAST_POLL) > 0 ? LAST_POLL : pause.multipliedBy(2);
        }
    }

    /** Whether the stack already runs this template body with these parameter values. */
    private static boolean sameAsApplied(CloudFormationClient cloudFormation, Stack stack, String templateBody,
            Map<String, String> parameters) {
        Map<String, String> applied = new LinkedHashMap<>();
        stack.parameters().forEach(parameter -> applied.put(parameter.parameterKey(), parameter.parameterValue()));
        boolean sameParameters = parameters.entrySet().stream()
                .allMatch(entry -> listValue(entry.getValue()).equals(listValue(applied.get(entry.getKey()))));
        if (!sameParameters) {
            return false;
        }
        String body = cloudFormation.getTemplate(get -> get.stackName(stack.stackName())).templateBody();
        return templateBody.strip().equals(body == null ? "" : body.strip());
    }

    /**
     * A parameter value as its items: list parameters come back from some implementations in
     * another spelling (brackets, quotes, spaces) than they were given.
     */
    private static List<String> listValue(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.replaceAll("[\\[\\]'\" ]", "").split(",")).toList();
    }

    private static String firstFailure(CloudFormationClient cloudFormation, Stack stack) {
        List<StackEvent> events = new ArrayList<>(cloudFormation.describeStackEvents(describe -> describe.stackName(stack.stackId()))
                .stackEvents());
        Collections.reverse(events);
        return events.stream()
                .filter(event -> event.resourceStatusAsString() != null && event.resourceStatusAsString().endsWith("_FAILED"))
                .filter(event -> !event.logicalResourceId().equals(stack.stackName()))
                .findFirst()
                .map(event -> event.logicalResourceId() + ": " + event.resourceStatusReason())
                .orElse(String.valueOf(stack.stackStatusReason()));
    }

    private static Optional<Stack> describe(CloudFormationClient cloudFormation, String stackName) {
        try {
            return cloudFormation.describeStacks(describe -> describe.stackName(stackName)).stacks().stream()
                    .filter(stack -> stack.stackStatus() != StackStatus.DELETE_COMPLETE).findFirst();
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A stack as {@link #apply} left it.
     *
     * @param changed whether this application created or updated it
     */
    public record AppliedStack(String stackName, String status, boolean changed, Map<String, String> outputs) {
        public AppliedStack {
            outputs = Map.copyOf(outputs);
        }

        static AppliedStack of(Stack stack, boolean changed) {
            Map<String, String> outputs = new LinkedHashMap<>();
            stack.outputs().forEach(output -> outputs.put(output.outputKey(), output.outputValue()));
            return new AppliedStack(stack.stackName(), stack.stackStatusAsString(), changed, outputs);
        }

        public String output(String key) {
            String value = outputs.get(key);
            if (value == null) {
                throw new IllegalStateException("stack " + stackName + " has no output " + key);
            }
            return value;
        }
    }

    /** A stack that did not reach CREATE_COMPLETE or UPDATE_COMPLETE. */
    public static final class StackFailedException extends RuntimeException {
        StackFailedException(String stackName, String status, String reason) {
            super("stack " + stackName + " ended " + status + (reason.isEmpty() ? "" : ": " + reason));
        }
    }
}
