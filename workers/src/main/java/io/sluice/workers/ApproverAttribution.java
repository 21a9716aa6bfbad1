package io.sluice.workers;

import io.sluice.activities.aws.CallAttribution;
import io.sluice.workflows.approval.ApprovedBy;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.Arrays;
import java.util.List;

/**
 * Carries a run's verified approvers ({@link ApprovedBy}) from the workflow to the activities it
 * schedules after a gate opened, in the {@value ApprovedBy#HEADER} header, and makes them the
 * activity's {@link CallAttribution}, so the role sessions of post-approval steps name who
 * approved them.
 */
public final class ApproverAttribution extends WorkerInterceptorBase {

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
                super.init(new WorkflowOutboundCallsInterceptorBase(outboundCalls) {
                    @Override
                    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                        List<String> approvers = ApprovedBy.current();
                        if (!approvers.isEmpty()) {
                            input.getHeader().getValues().put(ApprovedBy.HEADER, payload(String.join(",", approvers)));
                        }
                        return super.executeActivity(input);
                    }
                });
            }
        };
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            @Override
            public ActivityOutput execute(ActivityInput input) {
                Payload header = input.getHeader().getValues().get(ApprovedBy.HEADER);
                if (header == null) {
                    return super.execute(input);
                }
                String approvers = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(header, String.class, String.class);
                return CallAttribution.withApprovers(Arrays.stream(approvers.split(",")).filter(a -> !a.isBlank()).toList(),
                        () -> super.execute(input));
            }
        };
    }

    private static Payload payload(String value) {
        return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
    }
}
