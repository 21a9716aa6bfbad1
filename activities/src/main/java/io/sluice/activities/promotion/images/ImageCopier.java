package io.sluice.activities.promotion.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies an image, or a multi-platform index with every platform, from one registry repository to
 * another so that it has the same digest in both: manifests are written byte for byte with their
 * media types, and blobs are streamed without being held in memory and verified against their
 * digests on the way.
 *
 * <p>A copy is idempotent: blobs the target repository has are skipped, and writing a manifest
 * that is already there changes nothing (a tag is moved to it). A copy that fails part-way leaves
 * only complete, verified blobs and, for an index, complete child manifests in the target; the
 * image's own manifest (and so its tag) is written last, only after everything it refers to is
 * there. Running the copy again finishes the work.
 */
public final class ImageCopier {
    private static final int MAX_INDEX_DEPTH = 4;
    private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int parallelism;

    /** @param parallelism how many blobs one copy transfers at once, 1 to 64 */
    public ImageCopier(int parallelism) {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is not between 1 and 64");
        }
        this.parallelism = parallelism;
    }

    /**
     * Copies image {@code from}, read through {@code source}, to {@code to}, written through
     * {@code target}.
     *
     * <p>The source manifest is resolved first. For an index (OCI index or Docker manifest list)
     * every child manifest is fetched by digest, its blobs are copied and it is written under its
     * digest before the index bytes are written unchanged. For each blob (config and layers): skipped
     * when the target repository has it; mounted from {@code from}'s repository when both clients
     * address the same registry; otherwise streamed from source to target and verified, once (the caller's
     * next try of the whole copy skips the blobs already there), with up to {@code parallelism} blobs at once on worker threads
     * that live only for this copy. The manifest is then written under {@code to}'s tag or digest
     * and the digest the target reports must equal the source's.
     *
     * @throws DigestMismatchException when a blob or manifest the source serves does not match its
     *     digest, or the target reports a different digest; the image's manifest is then not written
     * @throws RegistryException when a registry call fails; {@link RegistryException#retryable()}
     *     says whether copying again may succeed
     * @throws IllegalArgumentException when {@code from} or {@code to} names another registry than
     *     its client, or {@code to} is a digest other than the source manifest's
     */
    public CopyReport copy(RegistryClient source, ImageReference from, RegistryClient target, ImageReference to,
            BlobProgress progress) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(from, "from is null");
        requireRegistry(from, source);
        return copy(source, from, source.getManifest(from.repository(), from.reference()), target, to, progress);
    }

    /**
     * As {@link #copy(RegistryClient, ImageReference, RegistryClient, ImageReference, BlobProgress)},
     * for a caller that has already read {@code from}'s manifest, {@code image}, and checked it.
     */
    public CopyReport copy(RegistryClient source, ImageReference from, Manifest image, RegistryClient target, ImageReference to,
            BlobProgress progress) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(image, "image is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(progress, "progress is null");
        requireRegistry(from, source);
        requireRegistry(to, target);

        if (to.byDigest() && !to.reference().equals(image.digest())) {
            throw new IllegalArgumentException("target " + to + " names a digest, but " + from + " is " + image.digest());
        }
        var manifests = new ArrayList<Manifest>();
        collectChildren(source, from, image, 1, manifests, new HashSet<>());

        var blobs = new LinkedHashMap<String, Descriptor>();
        for (Manifest manifest : manifests) {
            addBlobs(manifest, blobs);
        }
        addBlobs(image, blobs);
        long totalBytes = blobs.values().stream().mapToLong(Descriptor::size).sum();
        var transfer = new BlobTransfer(source, from, target, to, progress, new StreamedBytes(progress, totalBytes));
        Tally tally = copyBlobs(transfer, List.copyOf(blobs.values()));

        for (Manifest manifest : manifests) {
            putManifest(target, to.withReference(manifest.digest()), manifest);
        }
        putManifest(target, to, image);
        return new CopyReport(image.digest(), image.mediaType(), blobs.size(), tally.copied, tally.skipped, tally.mounted,
                tally.bytes, manifests.size() + 1);
    }

    /** Adds the manifests under {@code index}, if it is one, children before parents, each once. */
    private static void collectChildren(RegistryClient source, ImageReference from, Manifest index, int depth,
            List<Manifest> manifests, Set<String> seen) {
        if (!index.isIndex()) {
            return;
        }
        if (depth > MAX_INDEX_DEPTH) {
            throw new IllegalStateException("index " + index.digest() + " of " + from + " nests indexes deeper than "
                    + MAX_INDEX_DEPTH + " levels");
        }
        for (Descriptor child : index.manifests()) {
            if (!seen.add(child.digest())) {
                continue;
            }
            Manifest manifest = source.getManifest(from.repository(), child.digest());
            if (manifest.size() != child.size()) {
                throw new DigestMismatchException("manifest " + child.digest() + " of " + from + " at registry "
                        + source.registry() + " has " + manifest.size() + " bytes but index " + index.digest() + " says "
                        + child.size() + ": size mismatch", child.digest(), manifest.size() + " bytes");
            }
            collectChildren(source, from, manifest, depth + 1, manifests, seen);
            manifests.add(manifest);
        }
    }

    private static void addBlobs(Manifest manifest, Map<String, Descriptor> blobs) {
        if (!manifest.isIndex()) {
            manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
        }
    }

    /**
     * Writes {@code manifest} under {@code to} unless {@code to} already names it: a repository with
     * immutable tags (ECR's {@code IMMUTABLE}) refuses any PUT to a tag it has, even of the same
     * manifest, so a second copy must not write again. A tag naming another manifest is written, and
     * such a repository's refusal is the copy's failure.
     */
    private static void putManifest(RegistryClient target, ImageReference to, Manifest manifest) {
        if (target.manifestDigest(to.repository(), to.reference()).filter(manifest.digest()::equals).isPresent()) {
            return;
        }
        String stored = target.putManifest(to.repository(), to.reference(), manifest);
        if (!stored.equals(manifest.digest())) {
            throw new DigestMismatchException("registry " + target.registry() + " stored manifest " + to + " as " + stored
                    + ", not as the source's " + manifest.digest() + ": digest mismatch", manifest.digest(), stored);
        }
    }

    private Tally copyBlobs(BlobTransfer transfer, List<Descriptor> blobs) {
        var tally = new Tally();
        if (blobs.isEmpty()) {
            return tally;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, blobs.size()), daemonThreads());
        try {
            var completion = new ExecutorCompletionService<BlobOutcome>(pool);
            for (Descriptor blob : blobs) {
                completion.submit(() -> transfer.copy(blob));
            }
            for (int done = 0; done < blobs.size(); done++) {
                tally.add(completion.take().get());
            }
            return tally;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("copy of " + transfer.from + " to " + transfer.to + " was interrupted", 0, true, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            stop(pool);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(WORKER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        var threads = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, "image-copy-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void requireRegistry(ImageReference image, RegistryClient client) {
        if (!image.registry().equalsIgnoreCase(client.registry())) {
            throw new IllegalArgumentException("image " + image + " is not in registry " + client.registry()
                    + " that its client addresses");
        }
    }

    private enum Outcome { COPIED, SKIPPED, MOUNTED }

    private record BlobOutcome(Outcome outcome, long bytes) {}

    /** Counts, added to only by the thread that waits for the workers. */
    private static final class Tally {
        int copied;
        int skipped;
        int mounted;
        long bytes;

        void add(BlobOutcome blob) {
            switch (blob.outcome()) {
                case COPIED -> {
                    copied++;
                    bytes += blob.bytes();
                }
                case SKIPPED -> skipped++;
                case MOUNTED -> mounted++;
            }
        }
    }

    /** The bytes one copy has streamed, told to its progress every {@value BlobProgress#STREAMED_EVERY_BYTES} bytes. */
    private static final class StreamedBytes {
        private final BlobProgress progress;
        private final long totalBytes;
        private final AtomicLong streamed = new AtomicLong();

        StreamedBytes(BlobProgress progress, long totalBytes) {
            this.progress = progress;
            this.totalBytes = totalBytes;
        }

        void add(long bytes) {
            long after = streamed.addAndGet(bytes);
            if (bytes > 0 && after / BlobProgress.STREAMED_EVERY_BYTES != (after - bytes) / BlobProgress.STREAMED_EVERY_BYTES) {
                progress.streamed(after, totalBytes);
            }
        }
    }

    /** A blob's content that adds what is read to the copy's bytes streamed, and can take it off again after a failed try. */
    private static final class CountingStream extends FilterInputStream {
        private final StreamedBytes streamed;
        private volatile long count;

        CountingStream(InputStream in, StreamedBytes streamed) {
            super(in);
            this.streamed = streamed;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            streamed.add(n);
        }

        /** Takes what this stream counted off the copy's total. */
        void takeOff() {
            streamed.add(-count);
            count = 0;
        }
    }

    /** One copy's way of bringing a blob to the target. */
    private record BlobTransfer(RegistryClient source, ImageReference from, RegistryClient target, ImageReference to,
            BlobProgress progress, StreamedBytes streamed) {

        BlobOutcome copy(Descriptor blob) {
            BlobOutcome outcome = bring(blob);
            progress.blobDone(blob.digest(), blob.size(), outcome.outcome() == Outcome.COPIED);
            return outcome;
        }

        private BlobOutcome bring(Descriptor blob) {
            if (target.hasBlob(to.repository(), blob.digest())) {
                return new BlobOutcome(Outcome.SKIPPED, 0);
            }
            if (mounts() && mount(blob)) {
                return new BlobOutcome(Outcome.MOUNTED, 0);
            }
            try {
                stream(blob);
                return new BlobOutcome(Outcome.COPIED, blob.size());
            } catch (DigestMismatchException e) {
                throw new DigestMismatchException("blob " + blob.digest() + " of " + from + " at registry "
                        + source.registry() + " is " + e.received() + " (expected " + blob.size() + " bytes): digest mismatch;"
                        + " it was not written to " + to, blob.digest(), e.received());
            }
        }

        private boolean mounts() {
            return source.endpoint().equals(target.endpoint()) && !from.repository().equals(to.repository());
        }

        /** Whether the registry linked the blob; a refused or failed mount falls back to a transfer. */
        private boolean mount(Descriptor blob) {
            try {
                return target.mountBlob(to.repository(), blob.digest(), from.repository());
            } catch (RegistryException e) {
                return false;
            }
        }

        private void stream(Descriptor blob) {
            var content = new CountingStream(source.openBlob(from.repository(), blob.digest()), streamed);
            try {
                target.pushBlob(to.repository(), blob.digest(), blob.size(), content);
            } catch (RuntimeException e) {
                content.takeOff();
                throw e;
            }
        }
    }
}
