package io.sluice.starter.aws;

import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.AwsCallListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every AWS call a worker's clients made, in the order they were made. */
public final class CallLedger implements AwsCallListener {
    private final ConcurrentLinkedQueue<AwsCall> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void called(AwsCall call) {
        calls.add(call);
    }

    public List<AwsCall> calls() {
        return List.copyOf(calls);
    }
}
