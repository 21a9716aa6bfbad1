package io.sluice.starter.identity;

import io.sluice.client.config.SluiceConfig;
import io.sluice.client.identity.ProofSigner;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.StsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * {@code --profile NAME}: whose AWS credentials sign the proof of identity a command sends. On the
 * local stack, profiles are read from the credentials file {@code sluice dev} writes next to its
 * config, one per persona.
 */
public final class IdentityOptions {
    /** The file of persona profiles {@code sluice dev} writes beside {@code local.yaml}. */
    public static final String LOCAL_CREDENTIALS_FILE = "credentials";

    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile whose credentials prove who you are (default: the default credential chain:"
                    + " AWS_PROFILE, environment, SSO session, …).")
    String profile;

    /** Signs proofs with the chosen credentials for the STS endpoint of {@code config}, read from {@code configFile}. */
    public Prover prover(SluiceConfig config, Path configFile) {
        var signer = new ProofSigner(credentials(config, configFile), StsEndpoint.of(config.region(), config.local().awsEndpoint()));
        return bindingFor -> {
            try {
                return signer.sign(bindingFor);
            } catch (SdkClientException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "no AWS credentials to prove who you are"
                        + (chosenProfile() == null ? "" : " (profile " + chosenProfile() + ")") + ": " + e.getMessage()
                        + "; sign in (aws sso login, AWS_PROFILE=...) or pass --profile NAME");
            }
        };
    }

    private AwsCredentialsProvider credentials(SluiceConfig config, Path configFile) {
        String name = chosenProfile();
        Path local = configFile.toAbsolutePath().resolveSibling(LOCAL_CREDENTIALS_FILE);
        if (!config.local().awsEndpoint().isEmpty() && Files.isRegularFile(local)) {
            return ProfileCredentialsProvider.builder()
                    .profileFile(ProfileFile.builder().content(local).type(ProfileFile.Type.CREDENTIALS).build())
                    .profileName(name == null ? "default" : name)
                    .build();
        }
        return name == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(name).build();
    }

    private String chosenProfile() {
        if (profile != null && !profile.isBlank()) {
            return profile.strip();
        }
        String fromEnvironment = System.getenv("AWS_PROFILE");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
    }

    /** Makes a proof of identity for the binding a function makes from a fresh nonce. */
    @FunctionalInterface
    public interface Prover {
        IdentityProof prove(Function<String, ProofBinding> bindingFor);
    }
}
