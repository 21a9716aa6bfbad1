package io.sluice.starter.approvals;

import io.sluice.sandbox.ConfigFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.CliRun;
import io.sluice.workers.SluiceWorker;
import io.sluice.workflows.SluiceSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalCommandsTest {
    static final String LEAD = "lead-ds@example.com";
    static final String REQUESTER = "data-scientist@example.com";

    @TempDir
    static Path directory;
    static Path configFile;
    static LocalTemporal temporal;
    static SluiceWorker worker;
    static WorkflowServiceStubs stubs;
    static WorkflowClient client;

    @BeforeAll
    static void startTemporalAndWorker() throws Exception {
        temporal = LocalTemporal.startTestServer(FreePort.any(), SluiceSearchAttributes.ALL);
        configFile = directory.resolve("sluice.yaml");
        Files.writeString(configFile, """
                region: us-east-1
                """ + ConfigFixtures.ACCOUNTS + """
                temporal: {target: "%s"}
                approvals:
                  identity: declared
                  gates:
                    model-approval: {approvers: [%s, %s]}
                    promotion-approval: {approvers: [ml-engineer@example.com]}
                    production-approval: {approvers: [governance-officer@example.com]}
                local: {awsEndpoint: "http://127.0.0.1:1"}
                """.formatted(temporal.target(), LEAD, REQUESTER));
        worker = ReviewRuns.startWorker(configFile);
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        client = WorkflowClient.newInstance(stubs);
    }

    @AfterAll
    static void stop() {
        stubs.shutdownNow();
        worker.close();
        temporal.close();
    }

    @Test
    void approvalsList_showsTheRunWaitingAtItsGate() throws Exception {
        startReview("build/list/1");

        CliRun text = cli("approvals", "list");
        CliRun json = cli("approvals", "list", "--json");

        assertThat(text.exitCode()).isEqualTo(0);
        assertThat(text.out()).contains("build/list/1").contains("model-approval").contains("0 of 1").contains(LEAD);
        JsonNode runs = new ObjectMapper().readTree(json.out());
        JsonNode run = find(runs, "build/list/1");
        assertThat(run.get("type").asText()).isEqualTo("ReviewWorkflow");
        assertThat(run.get("gate").get("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void approve_byAStranger_exitsThreeWithTheGatesReason() {
        startReview("build/stranger/1");

        CliRun run = cli("approve", "build/stranger/1", "--as", "mallory@example.com");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("refused by build/stranger/1: 'mallory@example.com' is not an approver of gate 'model-approval'");
    }

    @Test
    void approve_byTheRequester_exitsThree() {
        startReview("build/self/1");

        CliRun run = cli("approve", "build/self/1", "--as", REQUESTER);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'" + REQUESTER + "' requested this run and may not approve it");
    }

    @Test
    void reject_withoutAComment_isBadInput() {
        CliRun run = cli("reject", "build/any/1", "--as", LEAD);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--comment=TEXT'");
    }

    @Test
    void reject_withAComment_endsTheRunRejected() throws Exception {
        startReview("build/reject/1");

        CliRun run = cli("reject", "build/reject/1", "--as", LEAD, "--comment", "recall dropped");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("recorded rejection by " + LEAD + " (unverified) at gate model-approval of build/reject/1; gate REJECTED");
        JsonNode status = awaitClosedStatus("build/reject/1");
        assertThat(status.get("outcome").asText()).isEqualTo("REJECTED");
    }

    @Test
    void approve_byAnApprover_closesTheGateAndStatusShowsTheAuditTrail() throws Exception {
        startReview("build/approve/1");
        client.newUntypedWorkflowStub("build/approve/1").signal("approve",
                io.sluice.workflows.approval.Decision.approve("mallory@example.com", "sneaky"));

        CliRun approve = cli("approve", "build/approve/1", "--as", LEAD, "--comment", "AUC 0.91");

        assertThat(approve.exitCode()).as(approve.err()).isEqualTo(0);
        assertThat(approve.out()).contains("gate APPROVED");
        JsonNode status = awaitClosedStatus("build/approve/1");
        assertThat(status.get("workflowId").asText()).isEqualTo("build/approve/1");
        assertThat(status.get("type").asText()).isEqualTo("ReviewWorkflow");
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("outcome").asText()).isEqualTo("APPROVED");
        assertThat(status.get("stage").asText()).isEqualTo("model-approval");
        assertThat(status.get("awaitingApproval").asBoolean()).isFalse();
        assertThat(status.get("result").get("outcome").asText()).isEqualTo("APPROVED");
        JsonNode gate = status.get("gate");
        assertThat(gate.get("name").asText()).isEqualTo("model-approval");
        assertThat(gate.get("state").asText()).isEqualTo("APPROVED");
        assertThat(gate.get("needed").asInt()).isEqualTo(1);
        assertThat(gate.get("requester").asText()).isEqualTo(REQUESTER);
        assertThat(gate.get("context").get("auc").asText()).isEqualTo("0.91");
        assertThat(gate.get("deadline").asText()).isNotEmpty();
        JsonNode ignored = gate.get("decisions").get(0);
        assertThat(ignored.get("actor").asText()).isEqualTo("mallory@example.com");
        assertThat(ignored.get("decision").asText()).isEqualTo("APPROVE");
        assertThat(ignored.get("accepted").asBoolean()).isFalse();
        assertThat(ignored.get("reason").asText()).contains("is not an approver");
        JsonNode accepted = gate.get("decisions").get(1);
        assertThat(accepted.get("actor").asText()).isEqualTo(LEAD);
        assertThat(accepted.get("comment").asText()).isEqualTo("AUC 0.91");
        assertThat(accepted.get("accepted").asBoolean()).isTrue();
        assertThat(accepted.get("at").asText()).isNotEmpty();
        JsonNode outcome = status.get("gateOutcome");
        assertThat(outcome.get("state").asText()).isEqualTo("APPROVED");
        assertThat(outcome.get("decided")).singleElement().satisfies(decided -> {
            assertThat(decided.get("by").asText()).isEqualTo("unverified:" + LEAD);
            assertThat(decided.get("verdict").asText()).isEqualTo("APPROVE");
        });
        assertThat(outcome.get("refused").asInt()).isEqualTo(1);
    }

    @Test
    void status_ofAClosedRunNoWorkerCanReplay_showsTheOutcomeFromTheResult_andSaysTheAuditWasNotRead() throws Exception {
        Path elsewhere = directory.resolve("elsewhere.yaml");
        Files.writeString(elsewhere, Files.readString(configFile).replace("temporal: {target: \"" + temporal.target() + "\"}",
                "temporal: {target: \"" + temporal.target() + "\", taskQueue: review-elsewhere}"));
        try (SluiceWorker gone = ReviewRuns.startWorker(elsewhere)) {
            var elsewhereRuns = new ReviewRuns(client, gone.taskQueue(), elsewhere);
            elsewhereRuns.start("build/gone/1", REQUESTER, null);
            assertThat(elsewhereRuns.cli("approve", "build/gone/1", "--as", LEAD).exitCode()).isEqualTo(0);
            elsewhereRuns.awaitClosedStatus("build/gone/1");
        }

        CliRun text = cli("status", "build/gone/1");
        JsonNode json = new ObjectMapper().readTree(cli("status", "build/gone/1", "--json").out());

        assertThat(text.exitCode()).as(text.err()).isEqualTo(0);
        assertThat(text.out()).contains("gate       model-approval: APPROVED (1 approval(s))")
                .contains("APPROVE by unverified:" + LEAD)
                .contains("audit      the gate's whole audit was not read: no worker answered within 3 s");
        assertThat(json.get("gate").isNull()).isTrue();
        assertThat(json.get("gateOutcome").get("decided").get(0).get("by").asText()).isEqualTo("unverified:" + LEAD);
    }

    @Test
    void status_whileTheGateIsOpen_showsWhoMustApprove() {
        startReview("build/open/1");

        CliRun run = cli("status", "build/open/1");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("status     RUNNING")
                .contains("stage      model-approval (awaiting approval)")
                .contains("gate       model-approval: OPEN (0 of 1 approvals; approvers [" + LEAD + ", " + REQUESTER + "])");
    }

    @Test
    void approve_anUnknownRun_exitsFour() {
        CliRun run = cli("approve", "build/absent/1", "--as", LEAD);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().strip()).isEqualTo("error: no run build/absent/1");
    }

    @Test
    void statusAndHistory_ofAnUnknownRun_exitFourSayingThereIsNoRun() {
        CliRun status = cli("status", "build/absent/2");
        CliRun history = cli("history", "build/absent/2");

        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.err().strip()).isEqualTo("error: no run build/absent/2");
        assertThat(history.exitCode()).isEqualTo(4);
        assertThat(history.err().strip()).isEqualTo("error: no run build/absent/2");
    }

    @Test
    void approve_aRunThatHasEnded_exitsThreeSayingHowItEndedAndThatItsGateIsClosed() throws Exception {
        startReview("build/ended/1");
        cli("reject", "build/ended/1", "--as", LEAD, "--comment", "no");
        JsonNode closed = awaitClosedStatus("build/ended/1");

        CliRun run = cli("approve", "build/ended/1", "--as", LEAD);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("error: build/ended/1 ended REJECTED at " + closed.get("closedAt").asText()
                + "; its gate is closed");
    }

    @Test
    void history_listsEveryRunOfAnIdNewestFirst_withWhoApproved_andStatusSaysHowManyCameBefore() throws Exception {
        startReview("build/history/1");
        cli("reject", "build/history/1", "--as", LEAD, "--comment", "not yet");
        JsonNode first = awaitClosedStatus("build/history/1");
        startReview("build/history/1");
        cli("approve", "build/history/1", "--as", LEAD, "--comment", "now");
        JsonNode second = awaitClosedStatus("build/history/1");

        CliRun text = cli("history", "build/history/1");
        JsonNode json = new ObjectMapper().readTree(cli("history", "build/history/1", "--json").out());
        CliRun status = cli("status", "build/history/1");
        CliRun earlier = cli("status", "build/history/1", "--run-id", first.get("runId").asText());

        assertThat(text.exitCode()).as(text.err()).isEqualTo(0);
        assertThat(text.out()).contains("build/history/1: 2 runs, newest first");
        assertThat(json.get("runs")).hasSize(2);
        JsonNode newest = json.get("runs").get(0);
        assertThat(newest.get("runId").asText()).isEqualTo(second.get("runId").asText());
        assertThat(newest.get("outcome").asText()).isEqualTo("APPROVED");
        assertThat(newest.get("approvedBy").get(0).asText()).isEqualTo("unverified:" + LEAD);
        JsonNode oldest = json.get("runs").get(1);
        assertThat(oldest.get("runId").asText()).isEqualTo(first.get("runId").asText());
        assertThat(oldest.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(oldest.get("approvedBy")).isEmpty();
        assertThat(oldest.get("closedAt").asText()).isEqualTo(first.get("closedAt").asText());
        assertThat(status.out()).contains("run " + second.get("runId").asText())
                .contains("runs       the latest of 2; `sluice history build/history/1` lists the 1 earlier");
        assertThat(earlier.exitCode()).as(earlier.err()).isEqualTo(0);
        assertThat(earlier.out()).contains("run " + first.get("runId").asText()).contains("outcome REJECTED")
                .doesNotContain("runs       the latest");
    }

    @Test
    void status_ofARunNoWorkerPicksUp_reportsWhatTheServerKnowsAndThatTheGateQueryWentUnanswered() throws Exception {
        ReviewWorkflow review = client.newWorkflowStub(ReviewWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue("nobody-polls")
                .setWorkflowId("build/unpolled/1")
                .build());
        WorkflowClient.start(review::review, REQUESTER, null);

        CliRun text = cli("status", "build/unpolled/1");
        CliRun json = cli("status", "build/unpolled/1", "--json");

        assertThat(text.exitCode()).as(text.err()).isEqualTo(0);
        assertThat(text.out()).contains("build/unpolled/1 (ReviewWorkflow)").contains("status     RUNNING")
                .contains("gate       unknown: the run did not answer its approval query in time: no worker is polling task queue 'nobody-polls'");
        JsonNode status = new ObjectMapper().readTree(json.out());
        assertThat(status.get("status").asText()).isEqualTo("RUNNING");
        assertThat(status.get("gate").isNull()).isTrue();
        assertThat(status.get("queryFailure").asText()).contains("nobody-polls");
        client.newUntypedWorkflowStub("build/unpolled/1").terminate("test done");
    }

    @Test
    void cancel_ofARunAtItsGate_endsItCanceled_andStatusSaysWhoCancelledItAndWhy() throws Exception {
        startReview("build/cancel/1");

        CliRun run = cli("cancel", "build/cancel/1", "--as", LEAD, "--reason", "wrong flow version");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("cancel requested for build/cancel/1 (cancelled by " + LEAD + " (unverified): wrong flow version)");
        JsonNode status = awaitClosedStatus("build/cancel/1");
        assertThat(status.get("status").asText()).isEqualTo("CANCELED");
        assertThat(status.get("failure").asText()).isEqualTo("cancelled by " + LEAD + " (unverified): wrong flow version");
        CliRun text = cli("status", "build/cancel/1");
        assertThat(text.out()).contains("failure    cancelled by " + LEAD + " (unverified): wrong flow version");
    }

    @Test
    void cancel_ofARunNoWorkerAnswers_isStillSent_withTheCancellerMarkedNotRecorded() throws Exception {
        ReviewWorkflow review = client.newWorkflowStub(ReviewWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue("nobody-polls-cancel")
                .setWorkflowId("build/cancel/stuck")
                .build());
        WorkflowClient.start(review::review, REQUESTER, null);

        CliRun run = cli("cancel", "build/cancel/stuck", "--as", LEAD, "--reason", "stuck");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("(cancelled by " + LEAD + " (unverified; the run did not answer within 10 s; is a worker"
                + " running it?): stuck)");
        var history = client.fetchHistory("build/cancel/stuck").getEvents();
        assertThat(history).anySatisfy(event -> assertThat(event.hasWorkflowExecutionCancelRequestedEventAttributes()).isTrue());
        client.newUntypedWorkflowStub("build/cancel/stuck").terminate("test done");
    }

    @Test
    void cancel_ofARunThatHasClosed_isBadInputNamingItsStatus() throws Exception {
        startReview("build/cancel/2");
        cli("reject", "build/cancel/2", "--as", LEAD, "--comment", "no");
        awaitClosedStatus("build/cancel/2");

        CliRun run = cli("cancel", "build/cancel/2", "--as", LEAD);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("build/cancel/2 is COMPLETED, not running: there is nothing to cancel");
    }

    private void startReview(String workflowId) {
        runs().start(workflowId, REQUESTER, null);
    }

    private JsonNode awaitClosedStatus(String workflowId) throws Exception {
        return runs().awaitClosedStatus(workflowId);
    }

    private static JsonNode find(JsonNode runs, String workflowId) {
        for (JsonNode run : runs) {
            if (run.get("workflowId").asText().equals(workflowId)) {
                return run;
            }
        }
        throw new AssertionError(workflowId + " not listed in " + runs);
    }

    private static CliRun cli(String... args) {
        return runs().cli(args);
    }

    private static ReviewRuns runs() {
        return new ReviewRuns(client, worker.taskQueue(), configFile);
    }
}
