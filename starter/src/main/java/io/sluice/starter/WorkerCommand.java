package io.sluice.starter;

import io.sluice.workers.WorkerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice worker}: runs a worker until interrupted. */
@Command(name = "worker", description = "Run a Sluice worker (polls the configured task queue) until interrupted.")
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        var settings = config.read();
        spec.commandLine().getOut().println("worker: connecting to "
                + (settings.temporal().target().isEmpty() ? "the profile's address" : settings.temporal().target())
                + ", task queue " + settings.temporal().taskQueue() + "; Ctrl-C stops it gracefully");
        spec.commandLine().getOut().flush();
        WorkerMain.runUntilShutdown(settings);
        return ExitCodes.OK;
    }
}
