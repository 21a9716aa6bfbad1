package io.sluice.activities.promotion.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.activities.promotion.images.FakeRegistry.Request;
import io.sluice.activities.promotion.images.TestImages.Blob;
import io.sluice.activities.promotion.images.TestImages.Image;
import io.sluice.sandbox.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
    @TempDir
    static Path directory;

    private static RegistryServer server;
    private static RegistryClient registry;

    @BeforeAll
    static void startRegistry() {
        server = RegistryServer.start("registry", directory);
        registry = new RegistryClient(server.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void getManifest_returnsTheStoredBytesMediaTypeAndDigest() {
        Image image = TestImages.push(registry, "stored", "v1",
                TestImages.ociImage(TestImages.randomLayers(1, 100), Map.of("description", "données ünïcode")));

        Manifest manifest = registry.getManifest("stored", "v1");

        assertThat(manifest.bytes()).isEqualTo(image.manifest().bytes());
        assertThat(manifest.mediaType()).isEqualTo(Manifest.OCI_MANIFEST);
        assertThat(manifest.digest()).isEqualTo(image.digest());
        assertThat(manifest.blobs()).extracting(Descriptor::digest)
                .containsExactly(image.config().digest(), image.layers().get(0).digest());
    }

    @Test
    void getManifest_ofAMissingTagFailsWith404NamingRegistryRepositoryAndTag() {
        assertThatThrownBy(() -> registry.getManifest("missing", "v9"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("GET manifest v9 of repository 'missing' at registry " + server.host())
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void pushBlob_refusesContentThatDoesNotHashToTheDigestAndCommitsNothing() {
        Blob blob = TestImages.randomBlob(100_000);
        byte[] wrong = blob.bytes();
        wrong[wrong.length - 1] ^= 1;

        assertThatThrownBy(() -> registry.pushBlob("refused", blob.digest(), blob.size(), new ByteArrayInputStream(wrong)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("digest mismatch")
                .hasMessageContaining(blob.digest())
                .hasMessageContaining("repository 'refused' at registry " + server.host());
        assertThat(registry.hasBlob("refused", blob.digest())).isFalse();
        assertThat(registry.hasBlob("refused", Digests.sha256(wrong))).isFalse();
    }

    @Test
    void pushBlob_refusesContentShorterThanTheSize() {
        Blob blob = TestImages.randomBlob(1_000);
        byte[] shorter = Arrays.copyOf(blob.bytes(), 999);

        assertThatThrownBy(() -> registry.pushBlob("short", blob.digest(), blob.size(), new ByteArrayInputStream(shorter)))
                .isInstanceOfSatisfying(DigestMismatchException.class,
                        e -> assertThat(e.received()).isEqualTo("only 999 bytes, expected 1000"));
        assertThat(registry.hasBlob("short", blob.digest())).isFalse();
    }

    @Test
    void pushBlob_storesAnEmptyBlob() throws IOException {
        Blob empty = new Blob(new byte[0]);

        registry.pushBlob("empty", empty.digest(), 0, InputStream.nullInputStream());

        assertThat(registry.hasBlob("empty", empty.digest())).isTrue();
        try (InputStream in = registry.openBlob("empty", empty.digest())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void mountBlob_linksABlobOfAnotherRepositoryOfTheRegistry() {
        Blob blob = TestImages.randomBlob(5_000);
        registry.pushBlob("mount-from", blob.digest(), blob.size(), new ByteArrayInputStream(blob.bytes()));

        assertThat(registry.mountBlob("mount-to", blob.digest(), "mount-from")).isTrue();
        assertThat(registry.hasBlob("mount-to", blob.digest())).isTrue();
    }

    @Test
    void mountBlob_returnsFalseWhenTheOtherRepositoryLacksTheBlob() {
        Blob blob = TestImages.randomBlob(5_000);

        assertThat(registry.mountBlob("mount-target", blob.digest(), "mount-nowhere")).isFalse();
        assertThat(registry.hasBlob("mount-target", blob.digest())).isFalse();
    }

    @Test
    void getManifest_answersABearerChallengeWithATokenFetchedWithTheCredentials() {
        Image image = TestImages.dockerImage(TestImages.randomLayers(1, 100));
        try (FakeRegistry fake = FakeRegistry.start()) {
            fake.serve("private/model", "v1", image);
            String basic = "Basic " + Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8));
            fake.requireBearer("token-123", basic);
            var client = new RegistryClient(fake.endpoint(), RegistryCredentials.basic("robot", "s3cret"),
                    RegistryClient.newHttpClient());

            Manifest manifest = client.getManifest("private/model", "v1");
            client.getManifest("private/model", image.digest());

            assertThat(manifest.digest()).isEqualTo(image.digest());
            assertThat(fake.requests()).extracting(Request::method, Request::authorization).containsExactly(
                    tuple("GET", basic),
                    tuple("GET", basic),
                    tuple("GET", "Bearer token-123"),
                    tuple("GET", "Bearer token-123"));
            assertThat(fake.requests().get(1).path())
                    .isEqualTo("/token?service=fake-registry&scope=repository%3Aprivate%2Fmodel%3Apull%2Cpush");
        }
    }

    @Test
    void openBlob_followsARedirectWithoutSendingCredentialsToTheOtherHost() throws IOException {
        Blob blob = TestImages.randomBlob(10_000);
        try (FakeRegistry fake = FakeRegistry.start(); FakeRegistry storage = FakeRegistry.start()) {
            storage.serveBlob(blob.digest(), blob.bytes());
            fake.serveBlob(blob.digest(), blob.bytes());
            fake.redirectBlobsTo(URI.create(storage.endpoint() + "/direct/"));
            String token = Base64.getEncoder().encodeToString("AWS:password".getBytes(StandardCharsets.UTF_8));
            var client = new RegistryClient(fake.endpoint(), RegistryCredentials.ecrToken(token),
                    RegistryClient.newHttpClient());

            try (InputStream in = client.openBlob("model", blob.digest())) {
                assertThat(in.readAllBytes()).isEqualTo(blob.bytes());
            }

            assertThat(fake.requests()).extracting(Request::authorization).containsExactly("Basic " + token);
            assertThat(storage.requests()).extracting(Request::path, Request::authorization)
                    .containsExactly(tuple("/direct/" + blob.digest(), null));
        }
    }

    @Test
    void pushBlob_uploadsToARelativeLocationWithOnePut() {
        Blob blob = TestImages.randomBlob(70_000);
        try (FakeRegistry fake = FakeRegistry.start()) {
            var client = new RegistryClient(fake.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());

            client.pushBlob("relative", blob.digest(), blob.size(), new ByteArrayInputStream(blob.bytes()));

            assertThat(fake.blob(blob.digest())).isEqualTo(blob.bytes());
            assertThat(fake.requests()).extracting(Request::method).containsExactly("POST", "PUT");
            assertThat(fake.requests().get(1).path())
                    .startsWith("/v2/relative/blobs/uploads/")
                    .endsWith("?digest=" + blob.digest().replace(":", "%3A"));
        }
    }

    @Test
    void getManifest_triesOnce_andCallsAServerErrorRetryable() {
        Image image = TestImages.dockerImage(TestImages.randomLayers(1, 100));
        try (FakeRegistry fake = FakeRegistry.start()) {
            fake.serve("flaky", "v1", image);
            var client = new RegistryClient(fake.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());

            fake.failNext(1);
            assertThatThrownBy(() -> client.getManifest("flaky", "v1"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessageContaining("HTTP 503 UNAVAILABLE: try again");
            assertThat(fake.requests()).as("one request: the activity's next attempt is the retry").hasSize(1);
            assertThat(client.getManifest("flaky", "v1").digest()).isEqualTo(image.digest());
        }
    }

    @Test
    void getManifest_refusesBytesThatDoNotHashToTheDigestAskedFor() {
        Image image = TestImages.dockerImage(TestImages.randomLayers(1, 100));
        String otherDigest = TestImages.randomBlob(10).digest();
        try (FakeRegistry fake = FakeRegistry.start()) {
            fake.serve("swapped", otherDigest, image);
            var client = new RegistryClient(fake.endpoint(), RegistryCredentials.none(), RegistryClient.newHttpClient());

            assertThatThrownBy(() -> client.getManifest("swapped", otherDigest))
                    .isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(image.digest())
                    .hasMessageContaining("digest mismatch");
        }
    }

    @Test
    void constructor_refusesAnHttpClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new RegistryClient(server.endpoint(), RegistryCredentials.none(), following))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Redirect.NEVER");
    }
}
