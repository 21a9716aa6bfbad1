package io.sluice.sandbox;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Temporal for the local stack. With a {@code temporal} CLI on the PATH it runs the real dev
 * server (persistent, with the Web UI and visibility); otherwise the Java test server in this
 * process. Either way the given search attributes are registered before it is handed out.
 */
public final class LocalTemporal implements AutoCloseable {
    /** The port Temporal listens on by default; another free one is used when it is taken. */
    public static final int DEFAULT_PORT = 7233;
    public static final String NAMESPACE = "default";

    private final String target;
    private final String kind;
    private final URI webUi;
    private final AutoCloseable server;
    private final boolean recoversStickyQueues;

    private LocalTemporal(String target, String kind, URI webUi, AutoCloseable server, boolean recoversStickyQueues) {
        this.target = target;
        this.kind = kind;
        this.webUi = webUi;
        this.server = server;
        this.recoversStickyQueues = recoversStickyQueues;
    }

    /**
     * Starts Temporal on {@code preferredPort} (or a free port) with {@code searchAttributes}
     * registered; the dev server keeps its database and log under {@code stateDirectory}.
     */
    public static LocalTemporal start(int preferredPort, List<SearchAttributeKey<?>> searchAttributes, Path stateDirectory) {
        int port = FreePort.preferring(preferredPort);
        Optional<Path> cli = temporalCli();
        if (cli.isPresent()) {
            return startDevServer(cli.get(), port, searchAttributes, stateDirectory);
        }
        return startTestServer(port, searchAttributes);
    }

    /** Starts the in-process Java test server, whatever is on the PATH. */
    public static LocalTemporal startTestServer(int port, List<SearchAttributeKey<?>> searchAttributes) {
        var server = TestServer.createPortBoundServer(port);
        var temporal = new LocalTemporal("127.0.0.1:" + port, "Java test server (in process)", null, server, false);
        try {
            temporal.registerSearchAttributes(searchAttributes);
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
        return temporal;
    }

    private static LocalTemporal startDevServer(
            Path cli, int port, List<SearchAttributeKey<?>> searchAttributes, Path stateDirectory) {
        int uiPort = FreePort.preferring(8233);
        List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--ui-port", Integer.toString(uiPort),
                "--namespace", NAMESPACE, "--log-level", "warn",
                "--db-filename", stateDirectory.resolve("temporal.db").toString()));
        for (SearchAttributeKey<?> key : searchAttributes) {
            command.add("--search-attribute");
            command.add(key.getName() + "=" + typeName(key.getValueType()));
        }
        var process = ManagedProcess.start("temporal dev server", command, stateDirectory.resolve("temporal.log"),
                () -> FreePort.isListening(port) && FreePort.isListening(uiPort), Duration.ofSeconds(60));
        return new LocalTemporal("127.0.0.1:" + port, "temporal dev server (" + cli + ")",
                URI.create("http://127.0.0.1:" + uiPort), process, true);
    }

    private void registerSearchAttributes(List<SearchAttributeKey<?>> searchAttributes) {
        var request = AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
        searchAttributes.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
        var operatorStubs = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
        try {
            operatorStubs.blockingStub().addSearchAttributes(request.build());
        } finally {
            operatorStubs.shutdownNow();
        }
    }

    private static String typeName(IndexedValueType type) {
        return switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_TEXT -> "Text";
            case INDEXED_VALUE_TYPE_BOOL -> "Bool";
            case INDEXED_VALUE_TYPE_INT -> "Int";
            case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
            default -> throw new IllegalArgumentException("unsupported search attribute type " + type);
        };
    }

    private static Optional<Path> temporalCli() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "temporal");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code host:port} for clients and workers. */
    public String target() {
        return target;
    }

    public String namespace() {
        return NAMESPACE;
    }

    /** What runs: the dev server or the Java test server. */
    public String kind() {
        return kind;
    }

    /**
     * Whether a workflow task left on a dead worker's sticky queue goes back to the task queue
     * after its schedule-to-start timeout, as on a real cluster. The dev server does; the Java test
     * server keeps it there for good.
     */
    public boolean recoversStickyQueues() {
        return recoversStickyQueues;
    }

    /** The Web UI, when the dev server runs (the test server has none). */
    public Optional<URI> webUi() {
        return Optional.ofNullable(webUi);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping " + kind + " failed", e);
        }
    }
}
