package io.sluice.workers;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.sluice.client.config.ConfigFiles;
import io.sluice.client.config.SluiceConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The worker process: {@code WorkerMain [CONFIG_FILE]} (else {@code $SLUICE_CONFIG}, else {@code ./sluice.yaml}). */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path file = ConfigFiles.locate(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        runUntilShutdown(ConfigFiles.read(file));
    }

    /** Builds and starts a worker for {@code config}; {@code extra} modules may add workflows and activities. */
    public static SluiceWorker start(SluiceConfig config, Module... extra) {
        var injector = Guice.createInjector(Stage.PRODUCTION,
                Modules.combine(new WorkerModule(config), Modules.combine(extra)));
        return injector.getInstance(SluiceWorker.class).start();
    }

    /** Runs a worker until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts it down gracefully. */
    public static void runUntilShutdown(SluiceConfig config) throws InterruptedException {
        SluiceWorker worker = start(config);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "sluice-worker-shutdown"));
        worker.awaitTermination();
        stopped.await();
    }
}
