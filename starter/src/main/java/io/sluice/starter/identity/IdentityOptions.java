package io.sluice.starter.identity;

import io.sluice.activities.identity.ProofSigner;
import io.sluice.activities.identity.StsEndpoint;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import java.util.function.Function;
import io.sluice.workers.config.SluiceConfig;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@code --profile NAME}: whose AWS credentials sign the proof of identity a command sends. */
public final class IdentityOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile whose credentials prove who you are (default: the default credential chain:"
                    + " AWS_PROFILE, environment, SSO session, …).")
    String profile;

    /**
     * A proof of identity for the binding {@code bindingFor} makes with a fresh nonce, signed for
     * the STS endpoint of {@code config} with the chosen credentials.
     *
     * @throws CommandFailedException (exit 2) when there are no credentials to sign with
     */
    public IdentityProof prove(SluiceConfig config, Function<String, ProofBinding> bindingFor) {
        try {
            return new ProofSigner(credentials(), StsEndpoint.of(config.awsSettings())).sign(bindingFor);
        } catch (SdkClientException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "no AWS credentials to prove who you are"
                    + (profile == null ? "" : " (profile " + profile + ")") + ": " + e.getMessage()
                    + "; sign in (aws sso login, AWS_PROFILE=...) or pass --profile NAME");
        }
    }

    private AwsCredentialsProvider credentials() {
        return profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile.strip()).build();
    }
}
