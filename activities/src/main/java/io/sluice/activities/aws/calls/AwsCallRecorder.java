package io.sluice.activities.aws.calls;

import io.sluice.workflows.AwsAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The interceptor on every client of one account: tells the listener of each call once, before
 * the SDK's first attempt (retries are the same call), with the IAM permissions it needs. A call
 * that cannot be recorded is logged and still made: recording never fails an AWS call.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AwsCallRecorder.class);

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
        try {
            record(listener, account, region, service, operation, context.request(), AwsCall.Kind.API);
        } catch (RuntimeException e) {
            log.warn("could not record {} {} of account {}; the call goes ahead unrecorded", service, operation, account.alias(), e);
        }
    }

    /**
     * Tells {@code listener} of one call of {@code account}'s role, with the permissions it needs,
     * and of what AWS then does as the roles the call hands over.
     */
    public static void record(AwsCallListener listener, AwsAccount account, String region, String service, String operation,
            SdkRequest request, AwsCall.Kind kind) {
        var required = IamActions.of(service, operation, request, account.id(), region);
        listener.called(new AwsCall(account.alias(), account.id(), account.roleArn(), service, operation,
                required.permissions(), required.context(), request, kind));
        for (var onBehalf : required.onBehalf()) {
            listener.called(new AwsCall(account.alias(), account.id(), onBehalf.principalArn(), service,
                    operation + " (as " + onBehalf.principalArn().substring(onBehalf.principalArn().lastIndexOf('/') + 1) + ")",
                    onBehalf.permissions(), onBehalf.context(), request, AwsCall.Kind.ON_BEHALF));
        }
    }
}
