package io.sluice.activities.identity;

import io.sluice.workflows.identity.StsEndpoint;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a proof of identity must be before it is sent to STS: for the configured endpoint, a
 * {@code GetCallerIdentity} and nothing else, SigV4-signed for STS in the configured region over
 * {@code host}, {@code x-amz-date} and the binding header, bound to the decision it comes with, and
 * signed in the last {@link #VALIDITY}. STS then checks the signature itself; these checks are what
 * make a valid signature prove something about this one decision.
 */
final class SignedProofChecks {
    /** How long a proof stays usable: STS's own limit for a signature's age. */
    static final Duration VALIDITY = Duration.ofMinutes(15);
    /** How far ahead of the worker's clock a client's may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_HEADERS = 16;
    static final int MAX_HEADER_BYTES = 8192;

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final List<String> REQUIRED_SIGNED = List.of("host", "x-amz-date", ProofBinding.HEADER);

    private SignedProofChecks() {}

    /** Why {@code proof} is not fit to prove {@code binding} at {@code now}, or empty when it is. */
    static Optional<String> refusal(IdentityProof proof, ProofBinding binding, StsEndpoint endpoint, Instant now) {
        if (proof.headers().size() > MAX_HEADERS
                || proof.headers().entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum()
                        > MAX_HEADER_BYTES) {
            return Optional.of("the proof carries more headers than a signed GetCallerIdentity has");
        }
        URI url;
        try {
            url = URI.create(proof.url());
        } catch (IllegalArgumentException e) {
            return Optional.of("the proof's url '" + proof.url() + "' is not a URL");
        }
        if (!endpoint.uri().equals(url.getPath().isEmpty() ? url.resolve("/") : url)) {
            return Optional.of("the proof was signed for " + proof.url() + "; this worker verifies with " + endpoint.uri()
                    + " only (the STS endpoint of its region)");
        }
        if (!proof.header("host").equals(endpoint.hostHeader())) {
            return Optional.of("the proof's Host header is '" + proof.header("host") + "'; expected " + endpoint.hostHeader());
        }
        if (!StsEndpoint.GET_CALLER_IDENTITY.equals(proof.body())) {
            return Optional.of("the proof's body is not sts:GetCallerIdentity; expected " + StsEndpoint.GET_CALLER_IDENTITY);
        }
        Matcher authorization = AUTHORIZATION.matcher(proof.header("authorization"));
        if (!authorization.matches()) {
            return Optional.of("the proof has no AWS Signature Version 4 Authorization header");
        }
        if (!"sts".equals(authorization.group(4)) || !endpoint.region().equals(authorization.group(3))) {
            return Optional.of("the proof is signed for " + authorization.group(4) + " in " + authorization.group(3)
                    + "; expected sts in " + endpoint.region());
        }
        List<String> signed = Arrays.asList(authorization.group(5).split(";"));
        for (String header : REQUIRED_SIGNED) {
            if (!signed.contains(header)) {
                return Optional.of("the proof's signature does not cover the " + header + " header");
            }
        }
        if (!binding.digest().equals(proof.header(ProofBinding.HEADER))) {
            return Optional.of("the proof is bound to another decision (its " + ProofBinding.HEADER
                    + " is not this run's, gate's, verdict's, comment's and nonce's digest)");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(proof.header("x-amz-date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of("the proof's X-Amz-Date '" + proof.header("x-amz-date") + "' is not yyyyMMddTHHmmssZ");
        }
        if (!authorization.group(2).equals(proof.header("x-amz-date").substring(0, 8))) {
            return Optional.of("the proof's credential scope date differs from its X-Amz-Date");
        }
        if (signedAt.isBefore(now.minus(VALIDITY))) {
            return Optional.of("the proof was signed at " + signedAt + ", more than " + VALIDITY.toMinutes()
                    + " minutes ago; sign the decision again");
        }
        if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of("the proof is dated " + signedAt + ", ahead of the worker's clock (" + now + ")");
        }
        return Optional.empty();
    }
}
