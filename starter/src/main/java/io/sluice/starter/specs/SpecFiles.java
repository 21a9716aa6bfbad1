package io.sluice.starter.specs;

import io.sluice.client.config.ConfigException;
import io.sluice.client.config.YamlDocuments;
import io.sluice.workflows.Validated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads spec files (build.yaml, promote.yaml, …) into records and validates them, where input
 * enters; errors name the file and the field.
 */
public final class SpecFiles {
    private SpecFiles() {}

    public static <T> T read(Path file, Class<T> type) {
        try {
            T spec = YamlDocuments.parse(file.toString(), Files.readString(file), type);
            if (spec instanceof Validated validated) {
                validated.validate();
            }
            return spec;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; expected the spec to read", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the spec: " + e.getMessage(), e);
        }
    }
}
