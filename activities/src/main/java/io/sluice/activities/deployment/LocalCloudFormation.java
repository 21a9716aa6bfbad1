package io.sluice.activities.deployment;

import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * For the local stand-in only: its CloudFormation returns no outputs for stacks made through
 * change sets, so the endpoint stack's outputs are read from the stack's resources, which carry
 * the same names. Real CloudFormation returns the template's outputs, and nothing here runs there.
 */
final class LocalCloudFormation {
    private LocalCloudFormation() {}

    /** {@code outcome}, with the endpoint stack's outputs taken from {@code resources} when it has none. */
    static StackOutcome withOutputs(StackOutcome outcome, Supplier<List<StackResource>> resources) {
        if (outcome.outputs().containsKey("EndpointName")) {
            return outcome;
        }
        Map<String, String> physical = new LinkedHashMap<>();
        resources.get().forEach(resource -> physical.put(resource.logicalResourceId(), resource.physicalResourceId()));
        Map<String, String> outputs = new LinkedHashMap<>();
        putName(outputs, "EndpointName", physical.get("Endpoint"));
        if (physical.get("Endpoint") != null) {
            outputs.put("EndpointArn", physical.get("Endpoint"));
        }
        putName(outputs, "EndpointConfigName", physical.get("EndpointConfig"));
        putName(outputs, "ModelName", physical.get("Model"));
        return new StackOutcome(outcome.stackName(), outcome.stackId(), outcome.status(), outcome.succeeded(), outcome.changes(),
                outputs, outcome.failedResource(), outcome.reason(), outcome.previousParameters());
    }

    /** A SageMaker resource's name from its physical id, which is its name or its ARN. */
    private static void putName(Map<String, String> outputs, String key, String physicalId) {
        if (physicalId != null) {
            outputs.put(key, physicalId.contains("/") ? physicalId.substring(physicalId.lastIndexOf('/') + 1) : physicalId);
        }
    }
}
