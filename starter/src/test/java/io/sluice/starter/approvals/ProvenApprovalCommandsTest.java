package io.sluice.starter.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.client.identity.ProofSigner;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalPersonas;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.CliRun;
import io.sluice.starter.local.LocalCredentialsFile;
import io.sluice.starter.runs.GateQuery;
import io.sluice.workers.SluiceWorker;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.approval.CancelRequest;
import io.sluice.workflows.approval.Canceller;
import io.sluice.workflows.approval.Decision;
import io.sluice.workflows.approval.DecisionReceipt;
import io.sluice.workflows.approval.GateState;
import io.sluice.workflows.approval.Gates;
import io.sluice.workflows.approval.Verdict;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.StsEndpoint;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code sluice approve} where gates require proof: the personas of the local stack, verified by its STS. */
class ProvenApprovalCommandsTest {
    static final String LEAD = LocalPersonas.LEAD_DATA_SCIENTIST.userName();
    static final String REQUESTER = LocalPersonas.DATA_SCIENTIST.userName();

    @TempDir
    static Path directory;
    static Path configFile;
    static LocalTemporal temporal;
    static LocalAws aws;
    static SluiceWorker worker;
    static WorkflowServiceStubs stubs;
    static WorkflowClient client;

    @BeforeAll
    static void startTemporalAwsAndWorker() throws Exception {
        temporal = LocalTemporal.startTestServer(FreePort.any(), SluiceSearchAttributes.ALL);
        aws = LocalAws.start(directory.resolve("aws"));
        String accounts = aws.accounts().stream()
                .map(account -> "  " + account.alias() + ": {id: \"" + account.id() + "\", roleArn: \"" + account.workerRoleArn() + "\"}")
                .collect(Collectors.joining("\n"));
        configFile = directory.resolve("local.yaml");
        Files.writeString(configFile, """
                region: %s
                accounts:
                %s
                temporal: {target: "%s"}
                approvals:
                  identity: proven
                  gates:
                    model-approval: {approvers: ["%s", "%s"]}
                    promotion-approval: {approvers: ["%s"]}
                    production-approval: {approvers: ["%s"]}
                local: {awsEndpoint: "%s"}
                """.formatted(LocalAws.REGION, accounts, temporal.target(),
                LocalPersonas.LEAD_DATA_SCIENTIST.approverPattern(), LocalPersonas.DATA_SCIENTIST.approverPattern(),
                LocalPersonas.ML_ENGINEER.approverPattern(), LocalPersonas.GOVERNANCE_OFFICER.approverPattern(),
                aws.awsEndpoint()));
        LocalCredentialsFile.write(aws, directory.resolve("credentials"));
        worker = ReviewRuns.startWorker(configFile);
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        client = WorkflowClient.newInstance(stubs);
    }

    @AfterAll
    static void stop() {
        stubs.shutdownNow();
        worker.close();
        aws.close();
        temporal.close();
    }

    @Test
    void approveAsTheOutsider_exitsThree_andTheAuditNamesTheVerifiedArn() throws Exception {
        startReview("build/outsider/1");

        CliRun run = cli("approve", "build/outsider/1", "--profile", "outsider", "--as", LEAD);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertThat(run.err()).contains("refused by build/outsider/1: arn:aws:sts::100000000003:assumed-role/"
                + LocalPersonas.OUTSIDER.roleName() + "/outsider@example.com is not an approver of gate 'model-approval'");
        JsonNode refused = status("build/outsider/1").get("gate").get("decisions").get(0);
        assertThat(refused.get("accepted").asBoolean()).isFalse();
        assertThat(refused.get("verified").asBoolean()).isTrue();
        assertThat(refused.get("actor").asText()).isEqualTo("outsider@example.com");
        assertThat(refused.get("principal").asText()).endsWith("/outsider@example.com");
    }

    @Test
    void theRequester_cannotApproveTheirOwnRun_evenWithAnApproversPermissionSet() {
        startReview("build/self/1");

        CliRun run = cli("approve", "build/self/1", "--profile", "data-scientist");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'" + REQUESTER + "' requested this run and may not approve it");
    }

    @Test
    void aPlainSignalWithoutProof_isAuditedAndIgnored_thenTheLeadsProvenApprovalCounts() throws Exception {
        startReview("build/approve/1");
        client.newUntypedWorkflowStub("build/approve/1").signal("approve", Decision.approve(LEAD, "from the Web UI"));

        CliRun run = cli("approve", "build/approve/1", "--profile", "lead-data-scientist", "--comment", "AUC 0.91");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("recorded approval by " + LEAD + " (verified: arn:aws:sts::100000000003:assumed-role/"
                + LocalPersonas.LEAD_DATA_SCIENTIST.roleName() + "/" + LEAD + ") at gate model-approval of build/approve/1;"
                + " gate APPROVED");
        JsonNode decisions = status("build/approve/1").get("gate").get("decisions");
        assertThat(decisions.get(0).get("accepted").asBoolean()).isFalse();
        assertThat(decisions.get(0).get("verified").asBoolean()).isFalse();
        assertThat(decisions.get(0).get("reason").asText()).startsWith("no proof of identity");
        assertThat(decisions.get(1).get("accepted").asBoolean()).isTrue();
        assertThat(decisions.get(1).get("principal").asText()).endsWith(":assumed-role/"
                + LocalPersonas.LEAD_DATA_SCIENTIST.roleName() + "/" + LEAD);
        assertThat(decisions.get(1).get("account").asText()).isEqualTo("100000000003");
        assertThat(decisions.get(1).get("verifiedAt").asText()).isNotEmpty();
    }

    @Test
    void aProofMadeForOneRun_replayedToAnotherRunOrTheSameGate_isRefused() {
        startReview("build/replay/1");
        startReview("build/replay/2");
        var lead = new ProofSigner(StaticCredentialsProvider.create(LocalPersonas.signIn(aws, LocalPersonas.LEAD_DATA_SCIENTIST)),
                StsEndpoint.of(LocalAws.REGION, aws.awsEndpoint().toString()));
        var proof = lead.sign(nonce -> new ProofBinding("build/replay/1", Gates.MODEL_APPROVAL, "APPROVE", "ok", nonce));
        var decision = new Decision(LEAD, "ok", "", Verdict.APPROVE, proof);

        assertThatThrownBy(() -> decide("build/replay/2", decision))
                .rootCause().hasMessageContaining("proof of identity refused: the proof is bound to another decision");
        decide("build/replay/1", decision);
        startReview("build/replay/3");
        assertThatThrownBy(() -> decide("build/replay/3", decision)).rootCause().hasMessageContaining("bound to another decision");

        assertThat(GateQuery.gateOf(client, "build/replay/2").orElseThrow().state()).isEqualTo(GateState.OPEN);
    }

    @Test
    void status_showsTheRequesterAsStsVerifiedItAtStart() throws Exception {
        startReview("build/requester/1");

        JsonNode gate = status("build/requester/1").get("gate");

        assertThat(gate.get("requester").asText()).isEqualTo(REQUESTER);
        assertThat(gate.get("requesterPrincipal").asText()).isEqualTo("arn:aws:sts::100000000003:assumed-role/"
                + LocalPersonas.DATA_SCIENTIST.roleName() + "/" + REQUESTER);
        assertThat(cli("status", "build/requester/1").out()).contains("requester  " + REQUESTER + " (verified: arn:aws:sts::");
    }

    @Test
    void aRunStartedWithoutAProofOfItsRequester_countsNoApproval() {
        ReviewWorkflow review = client.newWorkflowStub(ReviewWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(worker.taskQueue()).setWorkflowId("build/declared/1").build());
        WorkflowClient.start(review::review, "someone-else@example.com", null);
        awaitOpen("build/declared/1");

        CliRun run = cli("approve", "build/declared/1", "--profile", "lead-data-scientist");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("the run's requester 'someone-else@example.com' is not verified");
    }

    @Test
    void aRequesterProofMadeForAnotherRun_failsTheRunAtItsStart() throws Exception {
        ReviewWorkflow review = client.newWorkflowStub(ReviewWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(worker.taskQueue()).setWorkflowId("build/borrowed/1").build());
        WorkflowClient.start(review::review, REQUESTER, requesterProof("build/other/1"));

        JsonNode status = awaitClosed("build/borrowed/1");

        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("failure").asText()).contains("the requester's proof of identity was refused: the proof is bound"
                + " to another decision");
    }

    @Test
    void anUnknownProfile_isBadInputNamingIt() {
        startReview("build/profile/1");

        CliRun run = cli("approve", "build/profile/1", "--profile", "nobody");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no AWS credentials to prove who you are (profile nobody)");
    }

    @Test
    void cancel_recordsTheCancellerAsStsVerifiedThem_andStatusSaysWhoAndWhy() throws Exception {
        startReview("build/cancel/proven");

        CliRun run = cli("cancel", "build/cancel/proven", "--profile", "ml-engineer", "--as", "someone-else", "--reason",
                "wrong data product version");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String expected = "cancelled by " + LocalPersonas.ML_ENGINEER.userName() + " (verified: arn:aws:sts::100000000004:assumed-role/"
                + LocalPersonas.ML_ENGINEER.roleName() + "/" + LocalPersonas.ML_ENGINEER.userName() + "): wrong data product version";
        assertThat(run.out()).contains(expected);
        JsonNode status = awaitClosed("build/cancel/proven");
        assertThat(status.get("status").asText()).isEqualTo("CANCELED");
        assertThat(status.get("failure").asText()).isEqualTo(expected);
    }

    @Test
    void cancel_withAProofMadeForAnotherReason_isRefusedAndTheRunGoesOn() {
        startReview("build/cancel/forged");
        var engineer = new ProofSigner(StaticCredentialsProvider.create(LocalPersonas.signIn(aws, LocalPersonas.ML_ENGINEER)),
                StsEndpoint.of(LocalAws.REGION, aws.awsEndpoint().toString()));
        var proof = engineer.sign(nonce -> ProofBinding.cancel("build/cancel/forged", "a harmless reason", nonce));

        assertThatThrownBy(() -> client.newUntypedWorkflowStub("build/cancel/forged").update("requestCancel", Canceller.class,
                new CancelRequest("ml-engineer", "another reason", proof)))
                .rootCause().hasMessageContaining("proof of identity refused: the proof is bound to another decision");
        assertThat(GateQuery.gateOf(client, "build/cancel/forged").orElseThrow().state()).isEqualTo(GateState.OPEN);
    }

    /** The requester persona's proof for starting {@code workflowId}, as {@code sluice model build} signs it. */
    private static IdentityProof requesterProof(String workflowId) {
        var requester = new ProofSigner(StaticCredentialsProvider.create(LocalPersonas.signIn(aws, LocalPersonas.DATA_SCIENTIST)),
                StsEndpoint.of(LocalAws.REGION, aws.awsEndpoint().toString()));
        return requester.sign(nonce -> ProofBinding.start(workflowId, nonce));
    }

    private static DecisionReceipt decide(String workflowId, Decision decision) {
        return client.newUntypedWorkflowStub(workflowId).update("decide", DecisionReceipt.class, decision);
    }

    private void startReview(String workflowId) {
        runs().start(workflowId, REQUESTER, requesterProof(workflowId));
    }

    private void awaitOpen(String workflowId) {
        runs().awaitOpen(workflowId);
    }

    private static JsonNode awaitClosed(String workflowId) throws Exception {
        return runs().awaitClosedStatus(workflowId);
    }

    private static JsonNode status(String workflowId) throws Exception {
        return runs().status(workflowId);
    }

    private static CliRun cli(String... args) {
        return runs().cli(args);
    }

    private static ReviewRuns runs() {
        return new ReviewRuns(client, worker.taskQueue(), configFile);
    }
}
