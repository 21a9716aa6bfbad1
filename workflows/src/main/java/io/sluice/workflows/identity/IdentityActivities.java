package io.sluice.workflows.identity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Objects;

/** Proves who sent a decision or started a run, by asking STS. */
@ActivityInterface(namePrefix = "Identity")
public interface IdentityActivities {

    /**
     * Checks {@code proof} against what it must be for (the STS endpoint of the worker's config,
     * {@code GetCallerIdentity} only, the {@link ProofBinding#HEADER} signed and equal to the
     * binding's digest, signed within the last 15 minutes), sends it to STS and returns the
     * principal STS answers with.
     *
     * @throws io.temporal.failure.ApplicationFailure {@code sluice.IdentityRefused}, not retried,
     *     naming what is wrong with the proof or what STS said; retried when STS cannot be reached
     */
    @ActivityMethod
    VerifiedPrincipal verify(ProofCheck check);

    /**
     * @param binding what the proof must be bound to
     * @param proof the signed request
     */
    record ProofCheck(ProofBinding binding, IdentityProof proof) {
        public ProofCheck {
            Objects.requireNonNull(binding, "binding is null");
            Objects.requireNonNull(proof, "proof is null");
        }
    }
}
