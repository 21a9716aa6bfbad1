package io.sluice.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository that the local stack uses at run time (the deploy/aws templates, the
 * IAM evaluator), found through the system property {@value #ROOT_PROPERTY} (the repository root,
 * which {@code ./sluice} and the build set) or else in the first directory at or above the
 * working directory that holds them.
 */
public final class RepositoryFiles {
    public static final String ROOT_PROPERTY = "sluice.root";

    private RepositoryFiles() {}

    /**
     * The folder {@code folder} (relative to the repository root) that holds {@code marker}.
     *
     * @throws IllegalStateException if none is found, naming where it looked
     */
    public static Path folderHolding(Path folder, String marker) {
        String root = System.getProperty(ROOT_PROPERTY, "");
        if (!root.isBlank()) {
            Path candidate = Path.of(root).resolve(folder).toAbsolutePath().normalize();
            if (!Files.isRegularFile(candidate.resolve(marker))) {
                throw new IllegalStateException(ROOT_PROPERTY + " is " + root + ", which holds no " + folder.resolve(marker));
            }
            return candidate;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(folder);
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return candidate;
            }
        }
        throw new IllegalStateException("found no " + folder.resolve(marker) + " at or above " + start + "; set -D" + ROOT_PROPERTY
                + " to the repository root");
    }
}
