package io.sluice.starter.runs;

import io.sluice.starter.CommandFailedException;
import io.sluice.workflows.FollowOn;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.GatedWorkflow;
import io.sluice.workflows.promotion.PromoteModelWorkflow;
import io.sluice.workflows.promotion.PromoteRequest;
import io.sluice.workflows.promotion.PromoteResult;
import io.sluice.workflows.promotion.PromotionOutcome;
import io.sluice.workflows.promotion.PromotionSpec;
import io.sluice.workflows.runs.SluiceWorkflowType;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Asking again for a run that exists: the same input is the same run; another input is refused; a rejected promotion runs again. */
class RunStarterTest {
    private static final String SOURCE = "arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1";
    private static final String ID = "promote/" + SOURCE;
    /** The outcomes the stand-in promotions end with, in order. */
    static final Queue<PromotionOutcome> OUTCOMES = new ConcurrentLinkedQueue<>();

    private TestWorkflowEnvironment environment;

    /** Stands in for PromoteModel: ends at once with the next outcome. */
    public static final class EndingPromotion extends GatedWorkflow implements PromoteModelWorkflow {
        @Override
        public PromoteResult promote(PromoteRequest request) {
            return new PromoteResult(OUTCOMES.remove(), request.sourceModelPackageArn(), "", "", "", 0, List.of(), List.of(), null,
                    gate.state().outcome(), "", FollowOn.NOT_REQUESTED);
        }
    }

    @BeforeEach
    void start() {
        environment = TestWorkflowEnvironment.newInstance();
        SluiceSearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
        environment.newWorker("promotions").registerWorkflowImplementationTypes(EndingPromotion.class);
        environment.start();
        OUTCOMES.clear();
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    @Test
    void start_whileARunWithTheIdIsRunning_isThatRunForTheSameInputAndRefusedForAnother() {
        var starter = new RunStarter(environment.getWorkflowClient(), "no-worker-polls-this");
        starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/models"));

        var again = starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/models"));
        var other = catchThrowableOfType(CommandFailedException.class,
                () -> starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/elsewhere")));

        assertThat(again.alreadyStarted()).isTrue();
        assertThat(again.existing()).isEqualTo("already running with this input");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.getMessage()).startsWith(ID + " is already running (run ")
                .contains("with another input (digest " + RunStarter.digest(request("s3://shared/models")).substring(0, 12) + ")")
                .contains("yours (digest " + RunStarter.digest(request("s3://shared/elsewhere")).substring(0, 12) + ") was not started")
                .contains("sluice cancel " + ID + " --reason TEXT");
    }

    @Test
    void start_ofAPromotionThatEndedRejected_runsItAgain_butNotOneThatEndedPromoted() {
        var starter = new RunStarter(environment.getWorkflowClient(), "promotions");
        OUTCOMES.addAll(List.of(PromotionOutcome.REJECTED, PromotionOutcome.PROMOTED));
        starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/models"));
        awaitResult();

        var second = starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/models"));
        awaitResult();
        var third = starter.start(SluiceWorkflowType.PROMOTE_MODEL, ID, "", "promotion", "", request("s3://shared/models"));

        assertThat(second.alreadyStarted()).isFalse();
        assertThat(third.alreadyStarted()).isTrue();
        assertThat(third.existing()).startsWith("already ran: it ended COMPLETED (PROMOTED) at ");
        assertThat(OUTCOMES).as("both stand-in runs ran").isEmpty();
        assertThat(environment.getWorkflowClient().newUntypedWorkflowStub(ID).getResult(PromoteResult.class).outcome())
                .isEqualTo(PromotionOutcome.PROMOTED);
    }

    private void awaitResult() {
        environment.getWorkflowClient().newUntypedWorkflowStub(ID).getResult(PromoteResult.class);
    }

    private static PromoteRequest request(String artifactPrefix) {
        return new PromoteRequest(SOURCE, new PromotionSpec(null, null, null, artifactPrefix, null, null, null, null),
                "data-scientist@example.com");
    }
}
