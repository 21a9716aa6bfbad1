package io.sluice.workflows.approval;

import io.sluice.workflows.identity.VerifiedPrincipal;
import java.util.Objects;

/**
 * Who requested a run, as its gate needs to know for separation of duties.
 *
 * @param name the person: the verified session or user name, or the declared name
 * @param principal what STS answered when the run started, or null when the requester is declared
 */
public record Requester(String name, VerifiedPrincipal principal) {
    public Requester {
        Objects.requireNonNull(name, "name is null");
    }

    /** A requester known only by the name the run's input declares. */
    public static Requester declared(String name) {
        return new Requester(name, null);
    }

    /** The requester STS verified. */
    public static Requester verified(VerifiedPrincipal principal) {
        return new Requester(principal.person(), principal);
    }

    public boolean isVerified() {
        return principal != null;
    }
}
