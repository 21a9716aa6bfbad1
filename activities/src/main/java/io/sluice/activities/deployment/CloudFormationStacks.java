package io.sluice.activities.deployment;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.JobFailures;
import io.sluice.activities.aws.JobWaiter;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.ResourceNames;
import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import io.sluice.workflows.deployment.DeploymentActivities.StackRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Applies a CloudFormation template as a stack, created or updated: a change set per application
 * (named from the workflow run, the stack and the parameters, so a retry finds it and nothing else
 * does), executed with a client request token, then awaited. A change set that failed is deleted
 * once read, so none is left to be found later; one that says there is nothing to change leaves the
 * stack as it is. A stack with an operation in progress is waited for before its change set is made; if
 * another operation starts in between, CloudFormation's refusal is a retryable
 * {@code sluice.ConcurrentModification}. A failed update comes back as an unsucceeded outcome only
 * once it has rolled back (UPDATE_ROLLBACK_COMPLETE); a rollback that failed too raises a
 * non-retryable {@code sluice.AwsJobFailed}. {@link #ENDPOINT} is {@code deploy/aws/endpoint.yaml}, which DeployModel applies.
 */
public final class CloudFormationStacks {
    /** The endpoint stack's template. */
    public static final String ENDPOINT = template("endpoint.yaml");

    private final AwsClients clients;
    private final String template;

    public CloudFormationStacks(AwsClients clients) {
        this(clients, ENDPOINT);
    }

    /** Stacks of {@code template} (a template body); IAM resources are allowed. */
    public CloudFormationStacks(AwsClients clients, String template) {
        this.clients = clients;
        this.template = template;
    }

    /**
     * @param run the workflow run applying it: another run (of the same workflow id, asking for
     *     the same stack) makes a change set of its own
     */
    public StackOutcome apply(StackRequest request, String run) {
        CloudFormationClient cloudFormation = clients.client(request.account(), AwsServices.CLOUDFORMATION);
        var operation = operation(request, "CreateChangeSet");
        Optional<Stack> existing = describe(cloudFormation, request.stackName(), operation);
        if (existing.isPresent() && existing.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
            existing = Optional.of(JobWaiter.await("stack (settling before its change set)", request.stackName(),
                    () -> describe(cloudFormation, request.stackName(), operation).orElseThrow(),
                    Stack::stackStatusAsString,
                    stack -> !stack.stackStatusAsString().endsWith("_IN_PROGRESS")));
        }
        if (existing.isPresent() && existing.get().stackStatus() == StackStatus.ROLLBACK_COMPLETE) {
            deleteAndWait(cloudFormation, request, operation);
            existing = Optional.empty();
        }
        boolean update = existing.isPresent();
        Map<String, String> previous = new TreeMap<>();
        existing.ifPresent(stack -> stack.parameters().forEach(parameter -> previous.put(parameter.parameterKey(), parameter.parameterValue())));
        String application = request.workflowId() + "#" + run + "#" + new TreeMap<>(request.parameters()) + "#" + new TreeMap<>(request.tags());
        String changeSetName = "sluice-" + ResourceNames.clientToken(application, request.stackName()).substring(0, 32);
        String token = ResourceNames.clientToken(application, "execute-" + request.stackName());
        DescribeChangeSetResponse changeSet = changeSet(cloudFormation, request, changeSetName, update, operation);
        requireParameters(changeSet, request);
        List<String> changes = changeSet.changes().stream().map(CloudFormationStacks::describe).toList();
        if (changeSet.status() == ChangeSetStatus.FAILED) {
            String reason = changeSet.statusReason() == null ? "" : changeSet.statusReason();
            AwsCalls.call(operation(request, "DeleteChangeSet"), () -> cloudFormation.deleteChangeSet(delete -> delete
                    .stackName(request.stackName()).changeSetName(changeSetName)));
            if (reason.contains("didn't contain changes") || reason.contains("No updates")) {
                Stack stack = describe(cloudFormation, request.stackName(), operation).orElseThrow();
                return withOutputs(outcome(stack, true, List.of(), "", "", previous), cloudFormation, request);
            }
            throw JobFailures.failed("change set " + changeSetName + " of stack " + request.stackName(), "FAILED", reason);
        }
        if (changeSet.executionStatusAsString().equals("AVAILABLE")) {
            AwsCalls.call(operation(request, "ExecuteChangeSet"), () -> cloudFormation.executeChangeSet(execute -> execute
                    .stackName(request.stackName()).changeSetName(changeSetName).clientRequestToken(token)));
        }
        Stack finished = JobWaiter.await("stack", request.stackName(),
                () -> describe(cloudFormation, request.stackName(), operation).orElseThrow(),
                stack -> stack.stackStatusAsString(),
                stack -> !stack.stackStatusAsString().endsWith("_IN_PROGRESS"),
                () -> cancelUpdate(cloudFormation, request, operation, token));
        boolean succeeded = finished.stackStatus() == StackStatus.CREATE_COMPLETE || finished.stackStatus() == StackStatus.UPDATE_COMPLETE;
        if (succeeded) {
            return withOutputs(outcome(finished, true, changes, "", "", previous), cloudFormation, request);
        }
        StackEvent failure = firstFailure(cloudFormation, request, operation);
        String reason = failure == null
                ? finished.stackStatusReason() : failure.logicalResourceId() + ": " + failure.resourceStatusReason();
        if (!update) {
            throw JobFailures.failed("stack " + request.stackName(), finished.stackStatusAsString(), reason);
        }
        if (finished.stackStatus() != StackStatus.UPDATE_ROLLBACK_COMPLETE) {
            throw JobFailures.failed("stack " + request.stackName(), finished.stackStatusAsString(), (reason == null ? "" : reason)
                    + " The update failed and so did its rollback: the previous endpoint may not be restored, and the stack takes"
                    + " no update until ContinueUpdateRollback (skipping resources that cannot roll back) brings it to"
                    + " UPDATE_ROLLBACK_COMPLETE.");
        }
        return outcome(finished, false, changes, failure == null ? "" : failure.logicalResourceId(),
                failure == null ? String.valueOf(finished.stackStatusReason()) : failure.resourceStatusReason(), previous);
    }

    public StackOutcome delete(StackRequest request) {
        CloudFormationClient cloudFormation = clients.client(request.account(), AwsServices.CLOUDFORMATION);
        var operation = operation(request, "DeleteStack");
        if (describe(cloudFormation, request.stackName(), operation).isEmpty()) {
            return new StackOutcome(request.stackName(), "", "DELETE_COMPLETE", true, List.of(), Map.of(), "", "", Map.of());
        }
        deleteAndWait(cloudFormation, request, operation);
        return new StackOutcome(request.stackName(), "", "DELETE_COMPLETE", true, List.of(), Map.of(), "", "", Map.of());
    }

    private DescribeChangeSetResponse changeSet(CloudFormationClient cloudFormation, StackRequest request, String name, boolean update,
            AwsOperation operation) {
        try {
            cloudFormation.createChangeSet(create -> create
                    .stackName(request.stackName())
                    .changeSetName(name)
                    .changeSetType(update ? ChangeSetType.UPDATE : ChangeSetType.CREATE)
                    .templateBody(template)
                    .capabilitiesWithStrings("CAPABILITY_NAMED_IAM")
                    .parameters(new TreeMap<>(request.parameters()).entrySet().stream()
                            .map(entry -> Parameter.builder().parameterKey(entry.getKey()).parameterValue(entry.getValue()).build())
                            .toList())
                    .tags(new TreeMap<>(request.tags()).entrySet().stream()
                            .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build()).toList()));
        } catch (CloudFormationException e) {
            if (inProgress(e)) {
                throw FailureType.CONCURRENT_MODIFICATION.failure("stack " + request.stackName() + " in account "
                        + clients.account(request.account()).describe() + " started another operation before its change set "
                        + "was made: " + e.awsErrorDetails().errorMessage() + " Sluice retries once it has finished.", e);
            }
            if (!"AlreadyExistsException".equals(e.awsErrorDetails().errorCode())) {
                throw AwsFailures.classify(e, operation, AwsCalls.attempt());
            }
        }
        return JobWaiter.await("change set of stack " + request.stackName(), name,
                () -> AwsCalls.call(operation(request, "DescribeChangeSet"), () -> cloudFormation.describeChangeSet(
                        describe -> describe.stackName(request.stackName()).changeSetName(name))),
                changeSet -> changeSet.statusAsString(),
                changeSet -> changeSet.status() == ChangeSetStatus.CREATE_COMPLETE || changeSet.status() == ChangeSetStatus.FAILED
                        || changeSet.status() == ChangeSetStatus.DELETE_COMPLETE);
    }

    /**
     * What a cancelled run stops of its stack: an update in progress is cancelled
     * (CancelUpdateStack), and CloudFormation rolls the stack back to its previous template and
     * parameters, the release that served before. A stack being created is left to finish: cancelling
     * a creation is not possible, and deleting it is a person's call.
     */
    private void cancelUpdate(CloudFormationClient cloudFormation, StackRequest request, AwsOperation operation,
            String token) {
        var stack = describe(cloudFormation, request.stackName(), operation);
        if (stack.isPresent() && stack.get().stackStatus() == StackStatus.UPDATE_IN_PROGRESS) {
            AwsCalls.call(operation(request, "CancelUpdateStack"), () -> cloudFormation.cancelUpdateStack(cancel -> cancel
                    .stackName(request.stackName()).clientRequestToken(token + "-cancel")));
        }
    }

    /**
     * A change set found under this application's name must be for these parameters; anything else
     * would execute or report a deployment that was not asked for.
     */
    private void requireParameters(DescribeChangeSetResponse changeSet, StackRequest request) {
        Map<String, String> found = new TreeMap<>();
        changeSet.parameters().forEach(parameter -> found.put(parameter.parameterKey(), parameter.parameterValue()));
        Map<String, String> asked = new TreeMap<>(request.parameters());
        if (!found.isEmpty() && !found.entrySet().containsAll(asked.entrySet())) {
            throw FailureType.AWS_JOB_FAILED.failure("change set " + changeSet.changeSetName() + " of stack "
                    + request.stackName() + " in account " + clients.account(request.account()).describe() + " has parameters "
                    + found + ", not the " + asked + " asked for; delete it, or find what else makes change sets of that name");
        }
    }

    /** CloudFormation refuses a change set for a stack while an operation on it is in progress. */
    private static boolean inProgress(CloudFormationException e) {
        return e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                && e.awsErrorDetails().errorMessage() != null
                && e.awsErrorDetails().errorMessage().matches("(?s).*is in [A-Z_]+_IN_PROGRESS state.*");
    }

    private void deleteAndWait(CloudFormationClient cloudFormation, StackRequest request, AwsOperation operation) {
        AwsCalls.call(operation(request, "DeleteStack"), () -> cloudFormation.deleteStack(delete -> delete.stackName(request.stackName())));
        JobWaiter.await("deletion of stack", request.stackName(),
                () -> describe(cloudFormation, request.stackName(), operation)
                        .map(Stack::stackStatusAsString).orElse("DELETE_COMPLETE"),
                status -> status,
                status -> !status.endsWith("_IN_PROGRESS"));
    }

    private StackEvent firstFailure(CloudFormationClient cloudFormation, StackRequest request, AwsOperation operation) {
        List<StackEvent> events = new ArrayList<>(AwsCalls.call(operation(request, "DescribeStackEvents"),
                () -> cloudFormation.describeStackEvents(describe -> describe.stackName(request.stackName())).stackEvents()));
        java.util.Collections.reverse(events);
        return events.stream()
                .filter(event -> event.resourceStatusAsString() != null && event.resourceStatusAsString().endsWith("_FAILED"))
                .filter(event -> !event.logicalResourceId().equals(request.stackName()))
                .findFirst().orElse(null);
    }

    private static Optional<Stack> describe(CloudFormationClient cloudFormation, String stackName, AwsOperation operation) {
        try {
            return cloudFormation.describeStacks(describe -> describe.stackName(stackName)).stacks().stream()
                    .filter(stack -> stack.stackStatus() != StackStatus.DELETE_COMPLETE).findFirst();
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    /** The outcome with the template's outputs; against the local stand-in, read from its resources where it has none. */
    private StackOutcome withOutputs(StackOutcome outcome, CloudFormationClient cloudFormation, StackRequest request) {
        if (!clients.settings().localStandIn()) {
            return outcome;
        }
        return LocalCloudFormation.withOutputs(outcome, () -> AwsCalls.call(operation(request, "DescribeStackResources"),
                () -> cloudFormation.describeStackResources(describe -> describe.stackName(request.stackName())).stackResources()));
    }

    private static StackOutcome outcome(Stack stack, boolean succeeded, List<String> changes, String failedResource, String reason,
            Map<String, String> previous) {
        Map<String, String> outputs = new LinkedHashMap<>();
        stack.outputs().forEach(output -> outputs.put(output.outputKey(), output.outputValue()));
        return new StackOutcome(stack.stackName(), stack.stackId(), stack.stackStatusAsString(), succeeded, changes, outputs,
                failedResource, reason == null ? "" : reason, previous);
    }

    private static String describe(Change change) {
        var resource = change.resourceChange();
        return resource == null ? change.typeAsString()
                : resource.actionAsString() + " " + resource.logicalResourceId() + " (" + resource.resourceType() + ")";
    }

    private AwsOperation operation(StackRequest request, String action) {
        return new AwsOperation(clients.account(request.account()), "cloudformation", action, "stack " + request.stackName());
    }

    /** A template packaged beside this class (the build copies deploy/aws/*.yaml here). */
    public static String template(String name) {
        try (InputStream in = CloudFormationStacks.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the activities jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
