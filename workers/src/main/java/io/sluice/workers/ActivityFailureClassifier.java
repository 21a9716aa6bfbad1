package io.sluice.workers;

import io.sluice.activities.UnclassifiedFailures;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Sees every activity's failure before Temporal does, and turns an exception the activity did not
 * classify into a Sluice failure ({@link UnclassifiedFailures}): retried only when it can pass
 * with time, otherwise the step fails at once instead of retrying for ever.
 */
public final class ActivityFailureClassifier extends WorkerInterceptorBase {

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private String activityType = "activity";

            @Override
            public void init(ActivityExecutionContext context) {
                activityType = "activity " + context.getInfo().getActivityType();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                try {
                    return super.execute(input);
                } catch (RuntimeException e) {
                    throw UnclassifiedFailures.classify(activityType, e);
                }
            }
        };
    }
}
