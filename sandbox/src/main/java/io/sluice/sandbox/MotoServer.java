package io.sluice.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code moto_server}, the multi-account AWS API emulator, on a free 127.0.0.1 port. Accounts are
 * reached through {@code sts:AssumeRole} into a role ARN of the account. moto runs with the policy
 * resources and operations deploy/aws relies on that moto leaves out (bucket and repository
 * policies through CloudFormation, data lake settings, model package group policies; see
 * {@value #LAUNCHER}), so the local stack holds every policy a real account would.
 */
public final class MotoServer implements AutoCloseable {
    static final String LAUNCHER = "moto_server_with_policies.py";
    private final ManagedProcess process;
    private final URI endpoint;

    private MotoServer(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts moto, writing its log to {@code logDirectory/moto.log}; returns once it answers. */
    public static MotoServer start(Path logDirectory) {
        int port = FreePort.any();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        var process = ManagedProcess.start("moto_server",
                List.of("python3", "-c", launcher(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
                logDirectory.resolve("moto.log"),
                () -> Http.answers(endpoint.resolve("/moto-api/"), 200),
                Duration.ofSeconds(60));
        return new MotoServer(process, endpoint);
    }

    private static String launcher() {
        try (var in = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new IllegalStateException(LAUNCHER + " is missing from the sandbox's resources");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The endpoint every AWS service client of the local stack uses. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Forgets every resource in every account. */
    public void reset() {
        Http.post(endpoint.resolve("/moto-api/reset"), "{}");
    }

    /** Sets moto's own behaviour through {@code /moto-api/config}, e.g. Step Functions execution. */
    public void configure(String json) {
        Http.post(endpoint.resolve("/moto-api/config"), json);
    }

    /** Makes a moto state-manager model (e.g. {@code glue::crawl}) advance immediately. */
    public void progressImmediately(String modelName) {
        Http.post(endpoint.resolve("/moto-api/state-manager/set-transition"),
                "{\"model_name\":\"" + modelName + "\",\"transition\":{\"progression\":\"immediate\"}}");
    }

    @Override
    public void close() {
        process.close();
    }
}
