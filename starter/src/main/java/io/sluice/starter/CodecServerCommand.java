package io.sluice.starter;

import io.sluice.client.codec.AesGcmPayloadCodec;
import io.sluice.client.codec.BearerTokenVerifier;
import io.sluice.client.codec.CodecServer;
import io.sluice.client.codec.KmsDataKeys;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice codec-server}: lets the Web UI show encrypted payloads. */
@Command(name = "codec-server", description = {"Serve the codec endpoint the Temporal Web UI uses to show encrypted payloads",
        "(POST /decode and /encode), with the payload key of the config. Runs until interrupted."})
public final class CodecServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--port", defaultValue = "8888", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--listen", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}); any other than loopback needs --oidc-issuer.")
    String listen;

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "Require a bearer token from this OIDC issuer (JWKS from its /.well-known/openid-configuration) on every"
                    + " request; set the Web UI's \"pass access token\".")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", description = "The audience (client id) tokens must be for; with --oidc-issuer.")
    String audience;

    @Option(names = "--origin", defaultValue = "http://127.0.0.1:8233",
            description = "The Web UI's address, allowed to call the endpoint (default ${DEFAULT-VALUE}).")
    String origin;

    @Override
    public Integer call() throws Exception {
        if ((issuer == null) != (audience == null)) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "--oidc-issuer and --audience go together: tokens are checked for"
                    + " both the issuer and the audience");
        }
        Optional<BearerTokenVerifier> tokens = issuer == null ? Optional.empty() : Optional.of(new BearerTokenVerifier(issuer, audience));
        var settings = config.read();
        AesGcmPayloadCodec codec = KmsDataKeys.payloadCodec(settings, System.getenv());
        var stopped = new CountDownLatch(1);
        CodecServer started;
        try {
            started = CodecServer.start(listen, port, codec, origin, tokens);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        try (var server = started) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "codec-server-shutdown"));
            spec.commandLine().getOut().println("codec endpoint http://" + listen + ":" + server.port()
                    + " (set it as the Web UI's codec endpoint; CORS allows " + origin + " only); "
                    + (tokens.isPresent() ? "every request needs a bearer token from " + issuer + " for " + audience
                            : "no token is checked, so it listens on loopback only")
                    + "; Ctrl-C stops it");
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
