package io.sluice.workflows.identity;

import java.util.Map;

/**
 * Proof of who sends a decision or starts a run: an {@code sts:GetCallerIdentity} request signed
 * (AWS Signature Version 4) with the person's own AWS credentials, never the credentials
 * themselves. Among the signed headers is {@link ProofBinding#HEADER}, the digest of what the proof
 * is for, so it proves nothing about any other decision. The worker sends it to STS, which answers
 * with the principal whose key signed it.
 *
 * <p>A wire record: only null checks here; the worker's verification checks the content.
 *
 * @param url where it was signed to be sent, e.g. {@code https://sts.eu-west-1.amazonaws.com/}
 * @param headers every header of the signed request, {@code Authorization} included
 * @param body the form-encoded body ({@code Action=GetCallerIdentity&Version=2011-06-15})
 * @param nonce the random value the binding digest includes; a gate accepts it once
 */
public record IdentityProof(String url, Map<String, String> headers, String body, String nonce) {
    public IdentityProof {
        url = url == null ? "" : url;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
        nonce = nonce == null ? "" : nonce;
    }

    /** The value of header {@code name}, compared without case as HTTP does, or empty. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }

    @Override
    public String toString() {
        return "IdentityProof[url=" + url + ", nonce=" + nonce + "]";
    }
}
