package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImageTest {

    @Test
    void push_storesAManifestWhoseDigestTheRegistryConfirms(@TempDir Path directory) throws Exception {
        try (var registry = RegistryServer.start("sample", directory)) {
            String digest = SampleImage.push(registry.host(), "team/model", "1.0", 7, 3, 4096);

            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(registry.endpoint() + "/v2/team/model/manifests/1.0"))
                    .header("Accept", SampleImage.MANIFEST_TYPE).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
            assertThat(SampleImage.sha256(response.body())).isEqualTo(digest);
            assertThat(new String(response.body())).contains("\"layers\":[").containsPattern("(sha256:[0-9a-f]{64}.*){4}");
        }
    }
}
