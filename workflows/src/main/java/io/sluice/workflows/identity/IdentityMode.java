package io.sluice.workflows.identity;

/** How a gate learns who decides ({@code approvals.identity} in the worker's config). */
public enum IdentityMode {
    /** A decision counts only with a proof of identity that STS verified; the approvers are IAM principal patterns. */
    PROVEN,
    /**
     * The decision's declared name is taken at its word (a sandbox without AWS identities). Every
     * decision is marked unverified.
     */
    DECLARED
}
