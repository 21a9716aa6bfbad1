package io.sluice.starter;

import io.sluice.client.config.SluiceConfig;
import io.sluice.starter.identity.IdentityOptions;
import io.sluice.workflows.identity.IdentityMode;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Who asks for a run (the gate will not let them approve it): {@code --as NAME}, and, where gates
 * require proof, a proof of identity signed with the caller's AWS credentials ({@code --profile})
 * and bound to the run's start, so the run knows its requester as AWS does.
 */
public final class Requester {
    @Option(names = "--as", paramLabel = "NAME",
            description = "Who requests the run (default: $SLUICE_USER, else the login name); where gates require"
                    + " proof, the run's requester is the person your AWS credentials prove instead.")
    String name;

    @Mixin
    IdentityOptions identity;

    /**
     * A proof of identity bound to the start of {@code workflowId}, or null where the gates of
     * {@code config} (read from {@code configFile}) take declared names.
     */
    public IdentityProof proofFor(SluiceConfig config, Path configFile, String workflowId) {
        return prove(config, configFile, nonce -> ProofBinding.start(workflowId, nonce));
    }

    /**
     * A proof of identity for the binding {@code bindingFor} makes from a fresh nonce, or null where
     * the gates of {@code config} take declared names.
     */
    public IdentityProof prove(SluiceConfig config, Path configFile, java.util.function.Function<String, ProofBinding> bindingFor) {
        if (config.approvals().identityMode() == IdentityMode.DECLARED) {
            return null;
        }
        return identity.prover(config, configFile).prove(bindingFor);
    }

    public String name() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String fromEnvironment = System.getenv("SLUICE_USER");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return System.getProperty("user.name", "unknown");
    }
}
