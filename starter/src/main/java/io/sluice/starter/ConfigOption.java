package io.sluice.starter;

import io.sluice.client.config.ConfigFiles;
import io.sluice.client.config.SluiceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: which {@code sluice.yaml} a command reads. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: $SLUICE_CONFIG, else ./sluice.yaml, else .sluice/dev/local.yaml).")
    Path file;

    /** Reads and validates the chosen file. */
    public SluiceConfig read() {
        return ConfigFiles.read(path());
    }

    /** The chosen file. */
    public Path path() {
        return ConfigFiles.locate(file, System.getenv());
    }
}
