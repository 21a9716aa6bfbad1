package io.sluice.workers;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.sluice.activities.ActivitiesModule;
import io.sluice.activities.approval.ApprovalSettings;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.activities.promotion.CopySettings;
import io.sluice.activities.promotion.RegistryEndpoints;
import io.sluice.client.codec.KmsDataKeys;
import io.sluice.client.config.SluiceConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.sluice.workers.metrics.WorkerMetrics;
import io.sluice.workflows.build.BuildModelWorkflowImpl;
import io.sluice.workflows.dataproduct.RegisterDataProductWorkflowImpl;
import io.sluice.workflows.deployment.DeployModelWorkflowImpl;
import io.sluice.workflows.promotion.PromoteModelWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;

/** Binds the worker process: its config, the Temporal connection, the activities and the workflow types. */
public final class WorkerModule extends AbstractModule {
    /** How long connecting to Temporal may take before the worker gives up. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final SluiceConfig config;

    public WorkerModule(SluiceConfig config) {
        this.config = config;
    }

    /** The set workflow implementation classes are added to; other modules (and tests) may add more. */
    public static Multibinder<Class<?>> workflowBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, new TypeLiteral<Class<?>>() {}, SluiceWorkflows.class);
    }

    @Override
    protected void configure() {
        bind(SluiceConfig.class).toInstance(config);
        install(new ActivitiesModule());
        var workflows = workflowBinder(binder());
        workflows.addBinding().toInstance(BuildModelWorkflowImpl.class);
        workflows.addBinding().toInstance(PromoteModelWorkflowImpl.class);
        workflows.addBinding().toInstance(DeployModelWorkflowImpl.class);
        workflows.addBinding().toInstance(RegisterDataProductWorkflowImpl.class);
    }

    @Provides
    AwsSettings awsSettings(SluiceConfig config) {
        return ActivitySettings.aws(config);
    }

    @Provides
    CopySettings copySettings(SluiceConfig config) {
        return ActivitySettings.copy(config.copy());
    }

    @Provides
    RegistryEndpoints registryEndpoints(SluiceConfig config) {
        return new RegistryEndpoints(config.local().registries());
    }

    @Provides
    ApprovalSettings approvalSettings(SluiceConfig config) {
        return ActivitySettings.approvals(config.approvals());
    }

    @Provides
    @Singleton
    ClientConfigProfile temporalProfile(SluiceConfig config) {
        return TemporalConnection.profile(config.temporal(), System.getenv());
    }

    @Provides
    @Singleton
    WorkerMetrics workerMetrics() {
        return new WorkerMetrics();
    }

    @Provides
    @Singleton
    WorkflowServiceStubs serviceStubs(ClientConfigProfile profile, SluiceConfig config, WorkerMetrics metrics) {
        return TemporalConnection.connect(profile, CONNECT_TIMEOUT, config.temporal().metricsPort() > 0 ? metrics.scope() : null);
    }

    @Provides
    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, ClientConfigProfile profile, SluiceConfig config) {
        return TemporalConnection.client(stubs, profile, KmsDataKeys.dataConverter(config, System.getenv()));
    }

    @Provides
    @Singleton
    WorkerFactory workerFactory(WorkflowClient client) {
        return WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityFailureClassifier(), new ApproverAttribution()).build());
    }
}
