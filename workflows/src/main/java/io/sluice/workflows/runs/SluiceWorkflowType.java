package io.sluice.workflows.runs;

import io.sluice.workflows.build.BuildModelWorkflow;
import io.sluice.workflows.build.BuildOutcome;
import io.sluice.workflows.build.BuildRequest;
import io.sluice.workflows.build.BuildResult;
import io.sluice.workflows.dataproduct.DataProductOutcome;
import io.sluice.workflows.dataproduct.RegisterDataProductRequest;
import io.sluice.workflows.dataproduct.RegisterDataProductResult;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflow;
import io.sluice.workflows.deployment.DeployModelWorkflow;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.deployment.DeployResult;
import io.sluice.workflows.deployment.DeploymentOutcome;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionOutcome;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Arrays;
import java.util.Optional;

/**
 * The four Sluice workflows, with what clients need to know of each: its Temporal type and
 * interface, its request and result, whether it has an approval gate, and its outcomes (which of
 * them mean it did what it was asked, and after which the same id may be started again).
 */
public enum SluiceWorkflowType {
    REGISTER_DATA_PRODUCT(RegisterDataProductWorkflow.TYPE, RegisterDataProductRequest.class, RegisterDataProductResult.class,
            DataProductOutcome.class, false),
    BUILD_MODEL(BuildModelWorkflow.TYPE, BuildRequest.class, BuildResult.class, BuildOutcome.class, true),
    PROMOTE_MODEL(PromoteModelWorkflow.TYPE, PromoteRequest.class, PromoteResult.class, PromotionOutcome.class, true),
    DEPLOY_MODEL(DeployModelWorkflow.TYPE, DeployRequest.class, DeployResult.class, DeploymentOutcome.class, true);

    private final String type;
    private final Class<?> request;
    private final Class<? extends RunResult> result;
    private final Class<? extends Enum<? extends RunOutcome>> outcomes;
    private final boolean gated;

    SluiceWorkflowType(String type, Class<?> request, Class<? extends RunResult> result,
            Class<? extends Enum<? extends RunOutcome>> outcomes, boolean gated) {
        this.type = type;
        this.request = request;
        this.result = result;
        this.outcomes = outcomes;
        this.gated = gated;
    }

    /** The Sluice workflow of Temporal type {@code type}; empty for any other workflow. */
    public static Optional<SluiceWorkflowType> of(String type) {
        return Arrays.stream(values()).filter(workflow -> workflow.type.equals(type)).findFirst();
    }

    public String type() {
        return type;
    }

    /** The class of what its runs return. */
    public Class<? extends RunResult> resultClass() {
        return result;
    }

    /** Whether its runs wait at an approval gate, so a client may ask them for it. */
    public boolean gated() {
        return gated;
    }

    /** Its outcome named {@code name}; empty when it has none of that name. */
    public Optional<RunOutcome> outcome(String name) {
        return Arrays.stream(outcomes.getEnumConstants()).map(RunOutcome.class::cast)
                .filter(outcome -> outcome.name().equals(name)).findFirst();
    }

    /** Whether a run that ended with {@code outcome} did what it was asked. */
    public boolean succeeded(String outcome) {
        return outcome(outcome).map(RunOutcome::succeeded).orElse(false);
    }

    /** Whether a run that ended with {@code outcome} may be asked for again under the same workflow id. */
    public boolean startableAgainAfter(String outcome) {
        return outcome(outcome).map(RunOutcome::startableAgain).orElse(false);
    }

    /**
     * Starts a run with {@code request} through the workflow's typed stub, so the workflow method
     * and its request type are the compiler's to check.
     *
     * @throws IllegalArgumentException when {@code request} is not this workflow's request type
     */
    public WorkflowExecution start(WorkflowClient client, WorkflowOptions options, Object request) {
        if (!this.request.isInstance(request)) {
            throw new IllegalArgumentException(type + " takes a " + this.request.getSimpleName() + ", not "
                    + (request == null ? "null" : request.getClass().getSimpleName()));
        }
        return switch (this) {
            case REGISTER_DATA_PRODUCT -> WorkflowClient.start(client.newWorkflowStub(RegisterDataProductWorkflow.class, options)::register,
                    (RegisterDataProductRequest) request);
            case BUILD_MODEL -> WorkflowClient.start(client.newWorkflowStub(BuildModelWorkflow.class, options)::build,
                    (BuildRequest) request);
            case PROMOTE_MODEL -> WorkflowClient.start(client.newWorkflowStub(PromoteModelWorkflow.class, options)::promote,
                    (PromoteRequest) request);
            case DEPLOY_MODEL -> WorkflowClient.start(client.newWorkflowStub(DeployModelWorkflow.class, options)::deploy,
                    (DeployRequest) request);
        };
    }
}
