package io.sluice.activities.promotion.images;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fully qualified image reference: {@code host[:port]/repository:tag} or
 * {@code host[:port]/repository@sha256:<hex>}. There is no implicit registry and no implicit
 * {@code latest} tag: a promotion names exactly what it copies.
 *
 * @param registry the registry host with an optional port, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 *     or {@code 127.0.0.1:5000}; no scheme
 * @param repository the repository path, e.g. {@code team/credit-risk}, in the OCI distribution grammar
 *     (lowercase components separated by {@code /})
 * @param reference a tag ({@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}) or a {@code sha256:} digest
 */
public record ImageReference(String registry, String repository, String reference) {
    private static final Pattern REGISTRY = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry is null");
        Objects.requireNonNull(repository, "repository is null");
        Objects.requireNonNull(reference, "reference is null");
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("registry '" + registry + "' is not host[:port]");
        }
        requireRepository(repository);
        requireReference(reference);
    }

    /** Returns {@code repository}, or fails naming it when it is not a repository name. */
    static String requireRepository(String repository) {
        Objects.requireNonNull(repository, "repository is null");
        if (repository.length() > 255 || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("repository '" + repository
                    + "' is not a repository name (lowercase letters, digits and . _ - separated by /)");
        }
        return repository;
    }

    /** Returns {@code reference}, or fails naming it when it is neither a tag nor a sha256 digest. */
    static String requireReference(String reference) {
        Objects.requireNonNull(reference, "reference is null");
        if (reference.startsWith("sha256:")) {
            return Digests.require(reference, "digest reference");
        }
        if (!TAG.matcher(reference).matches()) {
            throw new IllegalArgumentException("reference '" + reference + "' is neither a tag nor a sha256 digest");
        }
        return reference;
    }

    /**
     * Parses {@code host[:port]/repo/path:tag} or {@code host[:port]/repo/path@sha256:<hex>}. The
     * first path component is always the registry (there is no Docker Hub default). Fails naming the
     * value when it has no registry host, no tag or digest, or both a tag and a digest.
     */
    public static ImageReference parse(String image) {
        Objects.requireNonNull(image, "image is null");
        int slash = image.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("image '" + image + "' has no registry host; expected host[:port]/repository:tag");
        }
        String registry = image.substring(0, slash);
        String rest = image.substring(slash + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            String name = rest.substring(0, at);
            if (name.lastIndexOf(':') > name.lastIndexOf('/')) {
                throw new IllegalArgumentException("image '" + image + "' has both a tag and a digest; give one");
            }
            return new ImageReference(registry, name, rest.substring(at + 1));
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || colon < rest.lastIndexOf('/')) {
            throw new IllegalArgumentException("image '" + image + "' has no tag or digest; expected host[:port]/repository:tag");
        }
        return new ImageReference(registry, rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** Whether {@link #reference()} is a digest rather than a tag. */
    public boolean byDigest() {
        return reference.startsWith("sha256:");
    }

    /** The same repository at {@code newReference} (a tag or a digest). */
    public ImageReference withReference(String newReference) {
        return new ImageReference(registry, repository, newReference);
    }

    /** The canonical form: {@code registry/repository:tag} or {@code registry/repository@digest}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (byDigest() ? "@" : ":") + reference;
    }
}
