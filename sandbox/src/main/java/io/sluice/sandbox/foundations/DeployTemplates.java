package io.sluice.sandbox.foundations;

import io.sluice.sandbox.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CloudFormation templates of the repository's {@code deploy/aws}, found through the system
 * property {@value RepositoryFiles#ROOT_PROPERTY} (the repository root) or else in the first directory at or
 * above the working directory that holds {@code deploy/aws}.
 */
public final class DeployTemplates {
    /** System property holding the repository root. */
    private static final Path TEMPLATES = Path.of("deploy", "aws");
    private static final String MARKER = "account-role.yaml";

    private final Path directory;

    private DeployTemplates(Path directory) {
        this.directory = directory;
    }

    /**
     * The repository's templates.
     *
     * @throws IllegalStateException if no {@code deploy/aws} is found
     */
    public static DeployTemplates locate() {
        return new DeployTemplates(RepositoryFiles.folderHolding(TEMPLATES, MARKER));
    }

    public Path directory() {
        return directory;
    }

    /** The body of the template {@code fileName}, e.g. {@code account-role.yaml}. */
    public String body(String fileName) {
        Path file = directory.resolve(fileName);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
