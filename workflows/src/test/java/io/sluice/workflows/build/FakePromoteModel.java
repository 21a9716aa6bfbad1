package io.sluice.workflows.build;

import io.sluice.workflows.FollowOn;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for PromoteModel when a build starts one: records the request and ends. */
public final class FakePromoteModel extends GatedWorkflow implements PromoteModelWorkflow {
    static final List<PromoteRequest> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    public PromoteResult promote(PromoteRequest request) {
        REQUESTS.add(request);
        return new PromoteResult(PromotionOutcome.PROMOTED, request.sourceModelPackageArn(), "", "", "", 0, List.of(), List.of(), null,
                gate.state().outcome(), "", FollowOn.NOT_REQUESTED);
    }
}
