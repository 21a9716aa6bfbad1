package io.sluice.activities.promotion.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.activities.promotion.images.TestImages.Blob;
import io.sluice.activities.promotion.images.TestImages.Image;
import io.sluice.sandbox.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCopierTest {
    @TempDir
    static Path directory;

    private static RegistryServer sourceServer;
    private static RegistryServer targetServer;
    private static RegistryClient source;
    private static RegistryClient target;

    private final ImageCopier copier = new ImageCopier(4);

    @BeforeAll
    static void startRegistries() {
        sourceServer = RegistryServer.start("source", directory.resolve("source"));
        targetServer = RegistryServer.start("target", directory.resolve("target"));
        HttpClient http = RegistryClient.newHttpClient();
        source = new RegistryClient(sourceServer.endpoint(), RegistryCredentials.none(), http);
        target = new RegistryClient(targetServer.endpoint(), RegistryCredentials.none(), http);
    }

    @AfterAll
    static void stopRegistries() {
        if (sourceServer != null) {
            sourceServer.close();
        }
        if (targetServer != null) {
            targetServer.close();
        }
    }

    @Test
    void copy_keepsTheDigestAndBytesOfADockerV2Image() throws IOException {
        Image image = TestImages.push(source, "credit-risk", "v1", TestImages.dockerImage(TestImages.randomLayers(3, 100_000)));

        CopyReport report = copier.copy(source, at(sourceServer, "credit-risk", "v1"),
                target, at(targetServer, "promoted/credit-risk", "v1"), BlobProgress.none());

        Manifest copied = target.getManifest("promoted/credit-risk", "v1");
        assertThat(copied.digest()).isEqualTo(image.digest());
        assertThat(copied.mediaType()).isEqualTo(Manifest.DOCKER_MANIFEST);
        assertThat(copied.bytes()).isEqualTo(image.manifest().bytes());
        assertThat(report).isEqualTo(new CopyReport(image.digest(), Manifest.DOCKER_MANIFEST, 4, 4, 0, 0,
                image.allBlobBytes(), 1));
        for (Blob blob : image.allBlobs()) {
            assertThat(read(target.openBlob("promoted/credit-risk", blob.digest()))).isEqualTo(blob.bytes());
        }
    }

    @Test
    void copy_keepsTheBytesOfAnOciManifestWithANonAsciiAnnotation() {
        var annotations = Map.of("org.opencontainers.image.description", "Modèle de risque crédit — 信用リスク ✓");
        Image image = TestImages.push(source, "oci-model", "2024.1",
                TestImages.ociImage(TestImages.randomLayers(2, 10_000), annotations));
        assertThat(new String(image.manifest().bytes(), StandardCharsets.UTF_8)).contains("信用リスク");

        CopyReport report = copier.copy(source, at(sourceServer, "oci-model", "2024.1"),
                target, at(targetServer, "oci-model", "2024.1"), BlobProgress.none());

        Manifest copied = target.getManifest("oci-model", "2024.1");
        assertThat(copied.bytes()).isEqualTo(image.manifest().bytes());
        assertThat(copied.digest()).isEqualTo(image.digest()).isEqualTo(report.digest());
        assertThat(copied.mediaType()).isEqualTo(Manifest.OCI_MANIFEST);
    }

    @Test
    void copy_keepsTheDigestOfAnIndexAndWritesEachPlatformManifestFirst() {
        var platforms = new LinkedHashMap<String, Image>();
        platforms.put("linux/amd64", TestImages.ociImage("linux", "amd64", TestImages.randomLayers(2, 20_000), Map.of()));
        platforms.put("linux/arm64", TestImages.ociImage("linux", "arm64", TestImages.randomLayers(2, 20_000), Map.of()));
        Image index = TestImages.push(source, "multi-arch", "v3", TestImages.ociIndex(platforms));

        CopyReport report = copier.copy(source, at(sourceServer, "multi-arch", "v3"),
                target, at(targetServer, "multi-arch", "v3"), BlobProgress.none());

        Manifest copied = target.getManifest("multi-arch", "v3");
        assertThat(copied.digest()).isEqualTo(index.digest());
        assertThat(copied.mediaType()).isEqualTo(Manifest.OCI_INDEX);
        assertThat(copied.bytes()).isEqualTo(index.manifest().bytes());
        for (Image platform : index.children()) {
            assertThat(target.getManifest("multi-arch", platform.digest()).bytes()).isEqualTo(platform.manifest().bytes());
            for (Blob blob : platform.blobs()) {
                assertThat(target.hasBlob("multi-arch", blob.digest())).isTrue();
            }
        }
        assertThat(report).isEqualTo(new CopyReport(index.digest(), Manifest.OCI_INDEX, 6, 6, 0, 0,
                index.allBlobBytes(), 3));
    }

    @Test
    void copy_keepsTheDigestOfADockerManifestListAndCopiesASharedLayerOnce() {
        Blob shared = TestImages.randomBlob(50_000);
        var platforms = new LinkedHashMap<String, Image>();
        platforms.put("linux/amd64", TestImages.dockerImage("amd64", List.of(shared, TestImages.randomBlob(1_000))));
        platforms.put("linux/arm64", TestImages.dockerImage("arm64", List.of(shared, TestImages.randomBlob(2_000))));
        Image list = TestImages.push(source, "docker-list", "v1", TestImages.dockerManifestList(platforms));

        CopyReport report = copier.copy(source, at(sourceServer, "docker-list", "v1"),
                target, at(targetServer, "docker-list", "v1"), BlobProgress.none());

        assertThat(target.getManifest("docker-list", "v1").bytes()).isEqualTo(list.manifest().bytes());
        assertThat(report).isEqualTo(new CopyReport(list.digest(), Manifest.DOCKER_MANIFEST_LIST, 5, 5, 0, 0,
                list.allBlobBytes(), 3));
    }

    @Test
    void copy_secondTimeTransfersNoBlobs() {
        Image image = TestImages.push(source, "again", "v1", TestImages.dockerImage(TestImages.randomLayers(3, 50_000)));
        copier.copy(source, at(sourceServer, "again", "v1"), target, at(targetServer, "again", "v1"), BlobProgress.none());
        var transferred = new ConcurrentHashMap<String, Boolean>();

        CopyReport report = copier.copy(source, at(sourceServer, "again", "v1"), target, at(targetServer, "again", "v1"),
                (digest, bytes, copied) -> transferred.put(digest, copied));

        assertThat(report.blobsCopied()).isZero();
        assertThat(report.bytesCopied()).isZero();
        assertThat(report.blobsSkipped()).isEqualTo(4);
        assertThat(report.digest()).isEqualTo(image.digest());
        assertThat(transferred).hasSize(4).containsOnlyKeys(image.allBlobs().stream().map(Blob::digest).toList())
                .doesNotContainValue(true);
    }

    @Test
    void copy_skipsTheBaseLayerTheTargetRepositoryAlreadyHas() {
        Blob base = TestImages.randomBlob(200_000);
        Blob firstApp = TestImages.randomBlob(30_000);
        Blob secondApp = TestImages.randomBlob(40_000);
        Image first = TestImages.push(source, "service", "v1", TestImages.dockerImage(List.of(base, firstApp)));
        Image second = TestImages.push(source, "service", "v2", TestImages.dockerImage(List.of(base, secondApp)));
        copier.copy(source, at(sourceServer, "service", "v1"), target, at(targetServer, "service", "v1"), BlobProgress.none());
        var transferred = new ConcurrentHashMap<String, Boolean>();

        CopyReport report = copier.copy(source, at(sourceServer, "service", "v2"), target, at(targetServer, "service", "v2"),
                (digest, bytes, copied) -> transferred.put(digest, copied));

        assertThat(report).isEqualTo(new CopyReport(second.digest(), Manifest.DOCKER_MANIFEST, 3, 2, 1, 0,
                second.config().size() + secondApp.size(), 1));
        assertThat(transferred).containsExactlyInAnyOrderEntriesOf(Map.of(
                base.digest(), false, secondApp.digest(), true, second.config().digest(), true));
        assertThat(target.getManifest("service", "v1").digest()).isEqualTo(first.digest());
        assertThat(target.getManifest("service", "v2").digest()).isEqualTo(second.digest());
    }

    @Test
    void copy_mountsBlobsFromTheSourceRepositoryWithinOneRegistry() {
        Image image = TestImages.push(source, "team-a/model", "v1", TestImages.dockerImage(TestImages.randomLayers(2, 10_000)));

        CopyReport report = copier.copy(source, at(sourceServer, "team-a/model", "v1"),
                source, at(sourceServer, "team-b/model", "v1"), BlobProgress.none());

        assertThat(report).isEqualTo(new CopyReport(image.digest(), Manifest.DOCKER_MANIFEST, 3, 0, 0, 3, 0, 1));
        assertThat(source.getManifest("team-b/model", "v1").digest()).isEqualTo(image.digest());
    }

    @Test
    void copy_byDigestWritesTheManifestUnderItsDigestOnly() {
        Image image = TestImages.push(source, "pinned", "v1", TestImages.dockerImage(TestImages.randomLayers(1, 1_000)));

        CopyReport report = copier.copy(source, at(sourceServer, "pinned", image.digest()),
                target, at(targetServer, "pinned", image.digest()), BlobProgress.none());

        assertThat(report.digest()).isEqualTo(image.digest());
        assertThat(target.getManifest("pinned", image.digest()).bytes()).isEqualTo(image.manifest().bytes());
        assertThatThrownBy(() -> target.getManifest("pinned", "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void copy_refusesATargetDigestOtherThanTheSources() {
        Image image = TestImages.push(source, "other-digest", "v1", TestImages.dockerImage(TestImages.randomLayers(1, 1_000)));
        String otherDigest = TestImages.randomBlob(10).digest();

        assertThatThrownBy(() -> copier.copy(source, at(sourceServer, "other-digest", "v1"),
                target, at(targetServer, "other-digest", otherDigest), BlobProgress.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(otherDigest)
                .hasMessageContaining(image.digest());
    }

    @Test
    void copy_failsOnACorruptedSourceBlobAndWritesNoManifest() {
        Image image = TestImages.dockerImage(TestImages.randomLayers(3, 64_000));
        Blob corrupted = image.layers().get(1);
        try (FakeRegistry fake = FakeRegistry.start()) {
            fake.serve("credit-risk", "v1", image);
            fake.serveBlob(corrupted.digest(), TestImages.randomBlob((int) corrupted.size()).bytes());
            var fakeSource = new RegistryClient(fake.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());

            assertThatThrownBy(() -> copier.copy(fakeSource, new ImageReference(fake.host(), "credit-risk", "v1"),
                    target, at(targetServer, "corrupted", "v1"), BlobProgress.none()))
                    .isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining("digest mismatch")
                    .hasMessageContaining(corrupted.digest())
                    .hasMessageContaining(fake.host());
        }

        assertThatThrownBy(() -> target.getManifest("corrupted", "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(target.hasBlob("corrupted", corrupted.digest())).isFalse();
    }

    @Test
    void copy_failedUploadFailsTheCopyRetryably_andTheNextCopySendsItInANewSession() {
        Image image = TestImages.push(source, "retried", "v1", TestImages.dockerImage(TestImages.randomLayers(1, 30_000)));
        try (FakeRegistry fake = FakeRegistry.start()) {
            fake.failNextUploads(1);
            var fakeTarget = new RegistryClient(fake.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());
            var to = new ImageReference(fake.host(), "retried", "v1");

            assertThatThrownBy(() -> new ImageCopier(1).copy(source, at(sourceServer, "retried", "v1"), fakeTarget, to,
                    BlobProgress.none())).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.retryable()).isTrue());
            CopyReport report = new ImageCopier(1).copy(source, at(sourceServer, "retried", "v1"), fakeTarget, to,
                    BlobProgress.none());

            assertThat(report.blobsCopied()).as("the first upload failed, so nothing was there yet").isEqualTo(2);
            assertThat(report.bytesCopied()).isEqualTo(image.allBlobBytes());
            for (Blob blob : image.allBlobs()) {
                assertThat(fake.blob(blob.digest())).isEqualTo(blob.bytes());
            }
            assertThat(fake.requests()).filteredOn(request -> request.method().equals("POST"))
                    .as("the failed session, then a new one per blob").hasSize(3);
            assertThat(fake.requests()).filteredOn(request -> request.method().equals("PUT"))
                    .extracting(request -> request.path().replaceFirst("\\?.*", ""))
                    .doesNotHaveDuplicates()
                    .as("the failed upload, two uploads, the manifest").hasSize(4);
        }
    }

    @Test
    void copy_streamsALargeLayerOnDaemonWorkersThatAreGoneAfterwards() throws IOException {
        Blob large = TestImages.randomBlob(48 * 1024 * 1024);
        Image image = TestImages.push(source, "large", "v1",
                TestImages.dockerImage(List.of(large, TestImages.randomBlob(1_000))));
        var workersWereDaemons = new ConcurrentHashMap<String, Boolean>();

        CopyReport report = copier.copy(source, at(sourceServer, "large", "v1"), target, at(targetServer, "large", "v1"),
                (digest, bytes, copied) -> workersWereDaemons.put(digest, Thread.currentThread().isDaemon()));

        assertThat(report.bytesCopied()).isEqualTo(image.allBlobBytes());
        assertThat(read(target.openBlob("large", large.digest()))).isEqualTo(large.bytes());
        assertThat(workersWereDaemons).hasSize(3).doesNotContainValue(false);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("image-copy-"));
    }

    @Test
    void copy_interruptedHalfWayThroughALargeBlobResumesWithoutResendingCompleteBlobs() throws IOException {
        Blob first = TestImages.randomBlob(200_000);
        Blob large = TestImages.randomBlob(40 * 1024 * 1024);
        Image image = TestImages.push(source, "resumed", "v1", TestImages.dockerImage(List.of(first, large)));
        var doneBeforeTheCrash = new ConcurrentHashMap<String, Long>();
        var crashed = new java.util.concurrent.atomic.AtomicBoolean();
        BlobProgress dyingWorker = new BlobProgress() {
            @Override
            public void blobDone(String digest, long bytes, boolean copied) {
                doneBeforeTheCrash.put(digest, bytes);
            }

            @Override
            public void streamed(long streamedBytes, long totalBytes) {
                if (doneBeforeTheCrash.size() == 2 && streamedBytes >= first.size() + large.size() / 2) {
                    crashed.set(true);
                }
                if (crashed.get()) {
                    throw new IllegalStateException("worker stopped half-way through the large layer");
                }
            }
        };

        assertThatThrownBy(() -> new ImageCopier(1).copy(source, at(sourceServer, "resumed", "v1"), target,
                at(targetServer, "resumed", "v1"), dyingWorker)).isInstanceOf(RegistryException.class);
        assertThat(crashed).isTrue();
        assertThat(doneBeforeTheCrash).containsOnlyKeys(image.config().digest(), first.digest());
        assertThat(target.hasBlob("resumed", large.digest())).isFalse();
        assertThatThrownBy(() -> target.getManifest("resumed", "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));

        var sentAfterTheRestart = new ConcurrentHashMap<String, Boolean>();
        CopyReport resumed = new ImageCopier(1).copy(source, at(sourceServer, "resumed", "v1"), target,
                at(targetServer, "resumed", "v1"), (digest, bytes, copied) -> sentAfterTheRestart.put(digest, copied));

        assertThat(sentAfterTheRestart).containsEntry(large.digest(), true)
                .containsEntry(first.digest(), false).containsEntry(image.config().digest(), false);
        assertThat(resumed.blobsSkipped()).isEqualTo(2);
        assertThat(resumed.bytesCopied()).isEqualTo(large.size());
        assertThat(resumed.digest()).isEqualTo(image.digest());
        assertThat(target.getManifest("resumed", "v1").digest()).isEqualTo(image.digest());
        assertThat(Digests.sha256(read(target.openBlob("resumed", large.digest())))).isEqualTo(large.digest());
    }

    private static ImageReference at(RegistryServer server, String repository, String reference) {
        return new ImageReference(server.host(), repository, reference);
    }

    private static byte[] read(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }
}
