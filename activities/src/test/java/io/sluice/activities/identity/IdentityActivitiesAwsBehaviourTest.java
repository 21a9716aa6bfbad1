package io.sluice.activities.identity;

import io.sluice.client.identity.ProofSigner;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.LocalPersonas;
import io.sluice.workflows.identity.IdentityActivities.ProofCheck;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.StsEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Proofs signed with a persona's own credentials, verified against the local STS. */
@ExtendWith(LocalAwsExtension.class)
class IdentityActivitiesAwsBehaviourTest {
    private static final String RUN = "deploy/credit-risk";
    private static final String GATE = "production-approval";

    private StsEndpoint endpoint;
    private ProofSigner officer;
    private IdentityActivitiesImpl verifier;

    @BeforeEach
    void start(LocalAws localAws) {
        endpoint = StsEndpoint.of(LocalAws.REGION, localAws.awsEndpoint().toString());
        officer = new ProofSigner(StaticCredentialsProvider.create(
                LocalPersonas.signIn(localAws, LocalPersonas.GOVERNANCE_OFFICER)), endpoint);
        verifier = new IdentityActivitiesImpl(endpoint, Clock.systemUTC());
    }

    @Test
    void verify_answersWithThePersonWhoseCredentialsSignedTheProof() {
        IdentityProof proof = officer.sign(nonce -> approval(RUN, nonce));

        var principal = verifier.verify(new ProofCheck(approval(RUN, proof.nonce()), proof));

        assertThat(principal.arn()).isEqualTo("arn:aws:sts::100000000001:assumed-role/"
                + LocalPersonas.GOVERNANCE_OFFICER.roleName() + "/governance-officer@example.com");
        assertThat(principal.account()).isEqualTo("100000000001");
        assertThat(principal.person()).isEqualTo("governance-officer@example.com");
        assertThat(principal.userId()).endsWith(":governance-officer@example.com");
        assertThat(principal.verifiedAt()).isNotEmpty();
    }

    @Test
    void verify_refusesAProofMadeForAnotherRunOrTheOtherVerdict() {
        IdentityProof proof = officer.sign(nonce -> approval("deploy/other", nonce));

        assertRefused(new ProofCheck(approval(RUN, proof.nonce()), proof), "the proof is bound to another decision");
        var rejection = new ProofBinding(RUN, GATE, "REJECT", "", proof.nonce());
        assertRefused(new ProofCheck(rejection, officer.sign(nonce -> approval(RUN, nonce))), "bound to another decision");
    }

    @Test
    void verify_refusesAProofOlderThanFifteenMinutes() {
        IdentityProof proof = officer.sign(nonce -> approval(RUN, nonce));
        var later = new IdentityActivitiesImpl(endpoint, Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(16)));

        var failure = catchThrowableOfType(ApplicationFailure.class,
                () -> later.verify(new ProofCheck(approval(RUN, proof.nonce()), proof)));

        assertThat(failure.getType()).isEqualTo("sluice.IdentityRefused");
        assertThat(failure.getOriginalMessage()).contains("more than 15 minutes ago; sign the decision again");
    }

    @Test
    void verify_refusesAProofSignedForAnotherEndpoint() {
        var elsewhere = new ProofSigner(anyKey(), StsEndpoint.of(LocalAws.REGION, "http://127.0.0.1:9/"));
        IdentityProof proof = elsewhere.sign(nonce -> approval(RUN, nonce));

        assertRefused(new ProofCheck(approval(RUN, proof.nonce()), proof), "this worker verifies with " + endpoint.uri() + " only");
    }

    @Test
    void verify_refusesAnyOtherStsActionAndAnUnsignedBinding() {
        IdentityProof proof = officer.sign(nonce -> approval(RUN, nonce));
        var binding = approval(RUN, proof.nonce());
        var assumeRole = new IdentityProof(proof.url(), proof.headers(), "Action=AssumeRole&Version=2011-06-15", proof.nonce());
        var headers = new LinkedHashMap<>(proof.headers());
        headers.replaceAll((name, value) -> name.equalsIgnoreCase("authorization")
                ? value.replace(";" + ProofBinding.HEADER, "") : value);
        var unsigned = new IdentityProof(proof.url(), headers, proof.body(), proof.nonce());

        assertRefused(new ProofCheck(binding, assumeRole), "the proof's body is not sts:GetCallerIdentity");
        assertRefused(new ProofCheck(binding, unsigned), "does not cover the " + ProofBinding.HEADER + " header");
    }

    private static StaticCredentialsProvider anyKey() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "x"));
    }

    private void assertRefused(ProofCheck check, String reason) {
        var failure = catchThrowableOfType(ApplicationFailure.class, () -> verifier.verify(check));
        assertThat(failure.getType()).isEqualTo("sluice.IdentityRefused");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage()).contains(reason);
    }

    private static ProofBinding approval(String workflowId, String nonce) {
        return new ProofBinding(workflowId, GATE, "APPROVE", "", nonce);
    }
}
