package io.sluice.workflows.identity;

import io.sluice.workflows.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What one proof of identity is for: a decision at one gate of one run, or the start of one run.
 * Its {@link #digest()} travels as the signed header {@link #HEADER} of the proof, so a proof made
 * for another run, another gate, the other verdict, another comment or an earlier nonce does not
 * verify. The digest is deterministic (workflow code computes it) and each field is
 * length-prefixed, so no two bindings share one.
 *
 * @param workflowId the run
 * @param gate the gate decided, {@link #START} for the run's requester, or {@link #CANCEL}
 * @param action {@code APPROVE} or {@code REJECT}, or {@link #START} or {@link #CANCEL}
 * @param comment the decision's comment (empty at start), or the cancel's reason
 * @param nonce the proof's random value
 */
public record ProofBinding(String workflowId, String gate, String action, String comment, String nonce) {
    /** The signed header carrying {@link #digest()}, lower case as SigV4 signs header names. */
    public static final String HEADER = "x-sluice-binding";
    /** The gate and action of a requester's proof, made when the run starts. */
    public static final String START = "start";
    /** The gate and action of a canceller's proof. */
    public static final String CANCEL = "cancel";
    private static final String SCHEME = "sluice-binding-v1";

    public ProofBinding {
        Objects.requireNonNull(workflowId, "workflowId is null");
        Objects.requireNonNull(gate, "gate is null");
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(comment, "comment is null");
        Objects.requireNonNull(nonce, "nonce is null");
    }

    /** The binding of a requester's proof for starting {@code workflowId}. */
    public static ProofBinding start(String workflowId, String nonce) {
        return new ProofBinding(workflowId, START, START, "", nonce);
    }

    /** The binding of a proof for cancelling {@code workflowId} for {@code reason}. */
    public static ProofBinding cancel(String workflowId, String reason, String nonce) {
        return new ProofBinding(workflowId, CANCEL, CANCEL, reason, nonce);
    }

    /** Hex SHA-256 of the length-prefixed fields. */
    public String digest() {
        var text = new StringBuilder(SCHEME);
        for (String field : new String[] {workflowId, gate, action, comment, nonce}) {
            text.append('\n').append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
        }
        return Sha256.hex(text.toString());
    }
}
