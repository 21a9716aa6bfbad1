package io.sluice.activities.aws.calls;

import io.sluice.activities.aws.AwsAccount;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The interceptor on every client of one account: tells the listener of each call once, before
 * the SDK's first attempt (retries are the same call), with the IAM permissions it needs.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private final AwsAccount account;
    private final String region;
    private final AwsCallListener listener;

    public AwsCallRecorder(AwsAccount account, String region, AwsCallListener listener) {
        this.account = account;
        this.region = region;
        this.listener = listener;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        var required = IamActions.of(service, operation, context.request(), account.id(), region);
        listener.called(new AwsCall(account.alias(), account.id(), account.roleArn(), service, operation,
                required.permissions(), required.context(), context.request()));
    }
}
