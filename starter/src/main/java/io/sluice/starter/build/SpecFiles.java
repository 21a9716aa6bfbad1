package io.sluice.starter.build;

import io.sluice.workers.config.ConfigException;
import io.sluice.workers.config.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads spec files (build.yaml, promote.yaml, …) into validated records; errors name the file and the field. */
public final class SpecFiles {
    private SpecFiles() {}

    public static <T> T read(Path file, Class<T> type) {
        try {
            return YamlDocuments.parse(file.toString(), Files.readString(file), type);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; expected the spec to read", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the spec: " + e.getMessage(), e);
        }
    }
}
