package io.sluice.workflows.deployment;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The shared model package and the endpoint stacks of a deployment. Every method is idempotent. */
@ActivityInterface(namePrefix = "Deploy")
public interface DeploymentActivities {

    /** The package's approval status and what it serves. */
    DeployablePackage describePackage(PackageRequest request);

    /**
     * Lets the stage accounts create models from the group's packages (its resource policy, keeping
     * statements others put there); when the policy already says so nothing is written.
     */
    GrantResult grantAccess(GrantRequest request);

    /**
     * Creates or updates the endpoint stack through a change set (so the plan is shown), executed
     * with a client request token, and waits for it. A stack that fails reports its first failed
     * resource and reason; an update that fails is rolled back by CloudFormation, leaving the previous
     * endpoint serving.
     */
    StackOutcome applyStack(StackRequest request);

    /** Deletes a stack and waits; a missing stack is already deleted. */
    StackOutcome deleteStack(StackRequest request);

    /**
     * Records key/values on the package (its customer metadata): existing keys are overwritten; existing
     * keys starting with one of the request's {@code replacing} prefixes and not in the request are
     * removed; others are kept. Running it twice leaves the package as running it once.
     */
    TagResult tagPackage(TagRequest request);

    record PackageRequest(String account, String packageArn) {
        public PackageRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(packageArn, "packageArn is null");
        }
    }

    /**
     * @param testSplit the package's held-out test split (an S3 prefix, from its lineage), or empty
     */
    record DeployablePackage(String packageArn, String group, String approvalStatus, String image, String modelDataUrl,
            String testSplit) {
        public DeployablePackage {
            testSplit = testSplit == null ? "" : testSplit;
        }
    }

    record GrantRequest(String account, String group, List<String> accountIds) {
        public GrantRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(group, "group is null");
            accountIds = List.copyOf(accountIds);
        }
    }

    record GrantResult(String group, boolean changed) {}

    /**
     * @param parameters the endpoint template's parameters
     * @param tags tags for the stack and what it creates
     */
    record StackRequest(String account, String stackName, String workflowId, Map<String, String> parameters,
            Map<String, String> tags) {
        public StackRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(stackName, "stackName is null");
            Objects.requireNonNull(workflowId, "workflowId is null");
            parameters = Map.copyOf(parameters);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * @param status the stack's final status
     * @param succeeded whether the create or update (or delete) completed
     * @param changes what the change set planned, e.g. {@code Add Endpoint (AWS::SageMaker::Endpoint)}
     * @param outputs the stack's outputs, e.g. the endpoint's real name
     * @param failedResource the first resource that failed, or empty
     * @param reason why it failed, or empty
     * @param previousParameters the stack's parameters before this application: what a rollback
     *     applies again; empty for a new stack (and in runs recorded before it existed)
     */
    record StackOutcome(String stackName, String stackId, String status, boolean succeeded, List<String> changes,
            Map<String, String> outputs, String failedResource, String reason, Map<String, String> previousParameters) {
        public StackOutcome {
            changes = List.copyOf(changes);
            outputs = Map.copyOf(outputs);
            previousParameters = previousParameters == null ? Map.of() : Map.copyOf(previousParameters);
        }

        /** The outputs a run's result keeps: the endpoint's name (the stack's ARN leads to the rest). */
        static final List<String> RESULT_OUTPUTS = List.of("EndpointName");

        /**
         * This outcome as a run's result keeps it: the stack, its status and the endpoint's name,
         * without what the change set planned, the other outputs and the parameters the stack
         * had before. The run needed those only to decide and to roll back; the activity's own
         * result in the history keeps them.
         */
        public StackOutcome forResult() {
            Map<String, String> named = new java.util.TreeMap<>(outputs);
            named.keySet().retainAll(RESULT_OUTPUTS);
            return new StackOutcome(stackName, stackId, status, succeeded, List.of(), named, failedResource, reason, Map.of());
        }

        /** A stage the run did not reach. */
        public static StackOutcome notApplied(String stackName) {
            return new StackOutcome(stackName, "", "NOT_APPLIED", false, List.of(), Map.of(), "", "", Map.of());
        }
    }

    /**
     * @param replacing key prefixes whose existing entries this request replaces as a whole (a list,
     *     such as the approvers, that may have been longer before); empty in runs recorded before it existed
     */
    record TagRequest(String account, String packageArn, Map<String, String> tags, List<String> replacing) {
        public TagRequest {
            Objects.requireNonNull(account, "account is null");
            Objects.requireNonNull(packageArn, "packageArn is null");
            tags = Map.copyOf(tags);
            replacing = replacing == null ? List.of() : List.copyOf(replacing);
        }
    }

    record TagResult(Map<String, String> tags) {
        public TagResult {
            tags = Map.copyOf(tags);
        }
    }
}
