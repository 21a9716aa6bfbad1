package io.sluice.starter.local;

import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice dev}: the local stack, until interrupted. */
@Command(name = "dev", description = {
        "Start the local stack in this process: Temporal, moto (AWS), two registries and a worker.",
        "Writes DIR/local.yaml for client commands and separate workers, prints each endpoint and a",
        "line starting with 'ready', and runs until interrupted (Ctrl-C), then stops everything."})
public final class DevCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".sluice/dev",
            description = "Where logs, registry data and local.yaml go (default: ${DEFAULT-VALUE}).")
    Path stateDirectory;

    @Option(names = "--no-worker", description = "Start no worker; run one separately with `sluice worker --config DIR/local.yaml`.")
    boolean noWorker;

    @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "" + LocalTemporal.DEFAULT_PORT,
            description = "Port for Temporal when free, otherwise any free port (default: ${DEFAULT-VALUE}).")
    int temporalPort;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var stopped = new CountDownLatch(1);
        LocalStack stack = LocalStack.start(stateDirectory, temporalPort, !noWorker);
        Thread shutdown = new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "sluice-dev-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        LocalStackReport.print(stack, out);
        out.println("ready: local stack up; config " + stack.configFile() + "; Ctrl-C stops it");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
