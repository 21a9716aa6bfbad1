package io.sluice.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes {@code sluice.yaml}. Reading refuses unknown keys, missing accounts and malformed
 * values, naming the key and what is expected.
 */
public final class ConfigFiles {
    /** The environment variable that names the config file when {@code --config} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "SLUICE_CONFIG";
    /** The file used when neither {@code --config} nor {@link #ENVIRONMENT_VARIABLE} names one. */
    public static final Path DEFAULT_FILE = Path.of("sluice.yaml");
    /** Where {@code sluice dev} writes the local stack's config by default; used when {@link #DEFAULT_FILE} is absent. */
    public static final Path LOCAL_STACK_FILE = Path.of(".sluice", "dev", "local.yaml");


    private ConfigFiles() {}

    /**
     * The file to read: {@code explicit} if given, else {@code $SLUICE_CONFIG}, else
     * {@code ./sluice.yaml}, else the local stack's {@code .sluice/dev/local.yaml} if it exists.
     */
    public static Path locate(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        if (!Files.exists(DEFAULT_FILE) && Files.exists(LOCAL_STACK_FILE)) {
            return LOCAL_STACK_FILE;
        }
        return DEFAULT_FILE;
    }

    /** Reads and validates {@code file}. */
    public static SluiceConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; pass --config FILE or set " + ENVIRONMENT_VARIABLE
                    + " (`sluice dev` writes one for the local stack)", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses and validates config {@code text}; {@code source} names it in messages. */
    public static SluiceConfig parse(String source, String text) {
        if (text.isBlank()) {
            throw new ConfigException(source + ": the file is empty; expected region, accounts, temporal and approvals");
        }
        return YamlDocuments.parse(source, text, SluiceConfig.class);
    }

    /** Writes {@code config} to {@code file} as YAML that {@link #read} accepts. */
    public static void write(SluiceConfig config, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, YamlDocuments.write(config));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

}
