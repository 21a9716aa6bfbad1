package io.sluice.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real container registry ({@code docker-registry}, the Distribution project's server) on a
 * free 127.0.0.1 port over plain HTTP, storing blobs and manifests under its own directory. One
 * instance stands in for one account's ECR registry.
 */
public final class RegistryServer implements AutoCloseable {
    private final ManagedProcess process;
    private final Path storage;
    private final int port;

    private RegistryServer(ManagedProcess process, Path storage, int port) {
        this.process = process;
        this.storage = storage;
        this.port = port;
    }

    /** Starts a registry keeping its data and log under {@code directory}; returns once it answers. */
    public static RegistryServer start(String name, Path directory) {
        int port = FreePort.any();
        Path storage = directory.resolve("storage");
        Path config = directory.resolve("config.yml");
        try {
            Files.createDirectories(storage);
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: true
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(storage.toAbsolutePath(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare registry directory " + directory, e);
        }
        var process = ManagedProcess.start("docker-registry " + name,
                List.of("docker-registry", "serve", config.toString()),
                directory.resolve("registry.log"),
                () -> Http.answers(URI.create("http://127.0.0.1:" + port + "/v2/"), 200),
                Duration.ofSeconds(30));
        return new RegistryServer(process, storage, port);
    }

    /** {@code 127.0.0.1:PORT}: the registry host that stands in for an account's ECR host. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI endpoint() {
        return URI.create("http://" + host());
    }

    public long pid() {
        return process.pid();
    }

    /** Deletes every repository, manifest and blob. */
    public void wipe() {
        if (!Files.exists(storage)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(storage)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(storage)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe registry storage " + storage, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
