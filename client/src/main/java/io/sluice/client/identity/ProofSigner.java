package io.sluice.client.identity;

import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.StsEndpoint;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Makes proofs of identity with the caller's own AWS credentials (the client's side of the
 * workers' identity activities, which send the proof to STS): an {@code sts:GetCallerIdentity}
 * request, signed (SigV4) for the STS endpoint of the config, whose signed headers include the
 * digest of what it is for. The credentials never leave this process; only the signed request does.
 */
public final class ProofSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AwsCredentialsProvider credentials;
    private final StsEndpoint endpoint;

    public ProofSigner(AwsCredentialsProvider credentials, StsEndpoint endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /** A fresh random nonce: 128 bits, hex. */
    private static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Signs a proof for the binding {@code bindingFor} makes with a fresh nonce.
     *
     * @throws software.amazon.awssdk.core.exception.SdkClientException when there are no AWS
     *     credentials to sign with
     */
    public IdentityProof sign(Function<String, ProofBinding> bindingFor) {
        String nonce = newNonce();
        ProofBinding binding = bindingFor.apply(nonce);
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        var request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.uri())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader(ProofBinding.HEADER, binding.digest())
                .build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(StsEndpoint.GET_CALLER_IDENTITY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region()));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            headers.put("Host", endpoint.hostHeader());
        }
        return new IdentityProof(endpoint.uri().toString(), headers, StsEndpoint.GET_CALLER_IDENTITY, nonce);
    }
}
