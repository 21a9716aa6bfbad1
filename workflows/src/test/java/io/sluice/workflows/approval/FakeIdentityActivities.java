package io.sluice.workflows.approval;

import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for STS: a proof "verifies" to the principal in its {@code x-test-principal} header,
 * but only when its binding header is the digest of what the gate expects, as the real check does.
 */
public final class FakeIdentityActivities implements IdentityActivities {
    static final String PRINCIPAL_HEADER = "x-test-principal";
    public final List<ProofCheck> checks = new CopyOnWriteArrayList<>();

    /** A proof from {@code arn} bound to {@code binding}. */
    public static IdentityProof proof(String arn, ProofBinding binding) {
        return new IdentityProof("https://sts.eu-west-1.amazonaws.com/",
                Map.of(ProofBinding.HEADER, binding.digest(), PRINCIPAL_HEADER, arn), "", binding.nonce());
    }

    @Override
    public VerifiedPrincipal verify(ProofCheck check) {
        checks.add(check);
        if (!check.binding().digest().equals(check.proof().header(ProofBinding.HEADER))) {
            throw ApplicationFailure.newNonRetryableFailure("the proof is bound to another decision", "sluice.IdentityRefused");
        }
        String arn = check.proof().header(PRINCIPAL_HEADER);
        return VerifiedPrincipal.of(arn, arn.split(":")[4], "AROAEXAMPLE:" + arn.substring(arn.lastIndexOf('/') + 1),
                "2026-12-06T10:00:00Z");
    }
}
