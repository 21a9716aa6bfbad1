package io.sluice.sandbox.foundations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CloudFormation templates of the repository's {@code deploy/aws}, found through the system
 * property {@value #ROOT_PROPERTY} (the repository root) or else in the first directory at or
 * above the working directory that holds {@code deploy/aws}.
 */
public final class DeployTemplates {
    /** System property holding the repository root. */
    public static final String ROOT_PROPERTY = "sluice.root";
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
        String root = System.getProperty(ROOT_PROPERTY, "");
        if (!root.isBlank()) {
            Path candidate = Path.of(root).resolve(TEMPLATES).toAbsolutePath().normalize();
            if (!Files.isRegularFile(candidate.resolve(MARKER))) {
                throw new IllegalStateException(ROOT_PROPERTY + " is " + root + ", which holds no " + TEMPLATES.resolve(MARKER));
            }
            return new DeployTemplates(candidate);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(TEMPLATES);
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return new DeployTemplates(candidate);
            }
        }
        throw new IllegalStateException("found no " + TEMPLATES + " at or above " + start + "; set -D" + ROOT_PROPERTY
                + " to the repository root");
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
