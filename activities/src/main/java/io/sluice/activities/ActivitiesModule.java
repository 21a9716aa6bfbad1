package io.sluice.activities;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.sluice.activities.approval.ApprovalActivitiesImpl;
import io.sluice.activities.identity.IdentityActivitiesImpl;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.calls.AwsCallListener;
import io.sluice.activities.build.ModelJobActivitiesImpl;
import io.sluice.activities.registry.ModelRegistryActivitiesImpl;
import io.sluice.activities.build.StepFunctionsActivitiesImpl;
import io.sluice.activities.dataproduct.DataProductActivitiesImpl;
import io.sluice.activities.deployment.DeploymentActivitiesImpl;
import io.sluice.activities.deployment.IntegrationTestActivitiesImpl;
import io.sluice.activities.promotion.ArtifactCopyActivitiesImpl;
import io.sluice.activities.promotion.PromotionActivitiesImpl;
import io.sluice.activities.aws.AwsSettings;

/**
 * Binds the AWS client factory and every activity implementation into the
 * {@link SluiceActivities} set the worker registers. Needs {@link AwsSettings},
 * {@link io.sluice.activities.approval.ApprovalSettings}, {@link io.sluice.activities.promotion.CopySettings}
 * and {@link io.sluice.activities.promotion.RegistryEndpoints} bindings.
 */
public final class ActivitiesModule extends AbstractModule {
    /** The set activity implementations are added to; other modules (and tests) may add more. */
    public static Multibinder<Object> activityBinder(Binder binder) {
        return Multibinder.newSetBinder(binder, Object.class, SluiceActivities.class);
    }

    @Override
    protected void configure() {
        var activities = activityBinder(binder());
        activities.addBinding().to(ApprovalActivitiesImpl.class);
        activities.addBinding().to(ModelRegistryActivitiesImpl.class);
        activities.addBinding().to(ModelJobActivitiesImpl.class);
        activities.addBinding().to(StepFunctionsActivitiesImpl.class);
        activities.addBinding().to(PromotionActivitiesImpl.class);
        activities.addBinding().to(ArtifactCopyActivitiesImpl.class);
        activities.addBinding().to(DeploymentActivitiesImpl.class);
        activities.addBinding().to(IntegrationTestActivitiesImpl.class);
        activities.addBinding().to(DataProductActivitiesImpl.class);
        activities.addBinding().to(IdentityActivitiesImpl.class);
        callListenerBinder(binder()).setDefault().toInstance(AwsCallListener.NONE);
    }

    /** Where a module (the AWS check, tests) sets the listener told of every AWS call; none by default. */
    public static OptionalBinder<AwsCallListener> callListenerBinder(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder, AwsCallListener.class);
    }

    @Provides
    @Singleton
    AwsClients awsClients(AwsSettings settings, AwsCallListener callListener) {
        return AwsClients.forWorker(settings, callListener);
    }
}
