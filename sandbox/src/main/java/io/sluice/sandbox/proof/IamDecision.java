package io.sluice.sandbox.proof;

import java.util.Objects;

/**
 * What IAM would decide for one {@link IamRequest}.
 *
 * @param decision allowed, or denied explicitly (a Deny statement matched) or implicitly (no
 *     Allow statement, or a cross-account call whose resource policy does not allow the caller)
 * @param reason why, for people: the deciding statements by Sid (or 1-based position) and policy
 *     ({@code identity policy N} is the N-th of {@link IamRequest#identityPolicies()}), or what
 *     was missing
 */
public record IamDecision(Decision decision, String reason) {
    public enum Decision {
        ALLOWED,
        EXPLICITLY_DENIED,
        IMPLICITLY_DENIED
    }

    public IamDecision {
        Objects.requireNonNull(decision, "decision is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }
}
