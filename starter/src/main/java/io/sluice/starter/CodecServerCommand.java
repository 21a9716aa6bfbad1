package io.sluice.starter;

import io.sluice.workers.codec.AesGcmPayloadCodec;
import io.sluice.workers.codec.CodecServer;
import io.sluice.activities.aws.AwsClients;
import io.sluice.workers.codec.KmsDataKeys;
import io.sluice.workers.temporal.TemporalConnection;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice codec-server}: lets the Web UI show encrypted payloads. */
@Command(name = "codec-server", description = {"Serve the codec endpoint the Temporal Web UI uses to show encrypted payloads",
        "(POST /decode and /encode), with the payload key of the config. Runs until interrupted."})
public final class CodecServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--port", defaultValue = "8888", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--origin", defaultValue = "http://127.0.0.1:8233",
            description = "The Web UI's address, allowed to call the endpoint (default ${DEFAULT-VALUE}).")
    String origin;

    @Override
    public Integer call() throws Exception {
        var settings = config.read();
        AesGcmPayloadCodec codec;
        try (var aws = AwsClients.create(settings.awsSettings())) {
            codec = TemporalConnection.payloadCodec(settings.temporal(), System.getenv(), new KmsDataKeys(aws));
        }
        var stopped = new CountDownLatch(1);
        try (var server = CodecServer.start("127.0.0.1", port, codec, origin)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "codec-server-shutdown"));
            spec.commandLine().getOut().println("codec endpoint http://127.0.0.1:" + server.port()
                    + " (set it as the Web UI's codec endpoint); Ctrl-C stops it");
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
