package io.sluice.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.client.config.ConfigException;
import io.sluice.client.config.TemporalConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptedPayloadsTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
    static final String SECRET = "s3://confidential-bucket/customers.csv";

    @Test
    void encryptedRun_roundTripsForTheClientAndIsUnreadableInTheStoredHistory() {
        var config = new TemporalConfig(null, null, "codec", null, null, null, "SLUICE_PAYLOAD_KEY", null, null, null, null, null, null);
        var converter = TemporalConnection.dataConverter(config, Map.of("SLUICE_PAYLOAD_KEY", KEY));
        var environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
        try (environment) {
            environment.newWorker("codec").registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();
            var echo = client.newWorkflowStub(EchoWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("codec").setWorkflowId("echo/1").build());

            String result = echo.echo(SECRET);

            assertThat(result).isEqualTo("echo " + SECRET);
            String history = client.fetchHistory("echo/1").toJson(true);
            assertThat(history).doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(("\"" + SECRET).getBytes()))
                    .doesNotContain("confidential")
                    .contains(Base64.getEncoder().withoutPadding().encodeToString(AesGcmPayloadCodec.ENCODING.getBytes()));
        }
    }

    @Test
    void historyWrittenUnderKeyOne_staysReadableAfterRotatingToKeyTwo() throws Exception {
        String keyTwo = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'C');
        var before = new TemporalConfig(null, null, "codec", null, null, null, "KEY_ONE", null, null, "key-1", null, null, null);
        var after = new TemporalConfig(null, null, "codec", null, null, null, "KEY_TWO", null, null, "key-2",
                Map.of("key-1", "env:KEY_ONE"), null, null);
        var unrotated = new TemporalConfig(null, null, "codec", null, null, null, "KEY_TWO", null, null, "key-2", null, null, null);
        Map<String, String> keys = Map.of("KEY_ONE", KEY, "KEY_TWO", keyTwo);
        io.temporal.common.WorkflowExecutionHistory history;
        try (var environment = environment(TemporalConnection.dataConverter(before, keys))) {
            environment.newWorker("codec").registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
            environment.start();
            var echo = environment.getWorkflowClient().newWorkflowStub(EchoWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("codec").setWorkflowId("echo/rotated").build());
            echo.echo(SECRET);
            history = environment.getWorkflowClient().fetchHistory("echo/rotated");
        }

        try (var environment = environment(TemporalConnection.dataConverter(after, keys))) {
            var worker = environment.newWorker("codec");
            worker.registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
            worker.replayWorkflowExecution(history);
            var rotatedCodec = TemporalConnection.payloadCodec(after, keys, (account, ciphertext) -> new byte[0]);
            var encodedNow = rotatedCodec.encode(List.of(Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build()));
            assertThat(encodedNow.get(0).getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("key-2");
        }
        try (var environment = environment(TemporalConnection.dataConverter(unrotated, keys))) {
            var worker = environment.newWorker("codec");
            worker.registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
            assertThatThrownBy(() -> worker.replayWorkflowExecution(history)).hasStackTraceContaining("key-1");
        }
    }

    @Test
    void previousPayloadKeys_refuseTheCurrentIdAndAnUnknownSource() {
        assertThatThrownBy(() -> new TemporalConfig(null, null, null, null, null, null, "K", null, null, "key-2",
                Map.of("key-2", "env:K"), null, null)).hasMessageContaining("previousPayloadKeys.key-2 is the current payloadKeyId");
        assertThatThrownBy(() -> new TemporalConfig(null, null, null, null, null, null, "K", null, null, "key-2",
                Map.of("key-1", "file:/tmp/k"), null, null)).hasMessageContaining("expected env:VARIABLE");
    }

    private static TestWorkflowEnvironment environment(io.temporal.common.converter.DataConverter converter) {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    }

    @Test
    void decode_withAnotherKey_failsNamingTheKeys() {
        var writer = AesGcmPayloadCodec.fromBase64("key-2026", KEY);
        var reader = AesGcmPayloadCodec.fromBase64("key-2025", KEY);
        List<Payload> encoded = writer.encode(List.of(Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build()));

        assertThatThrownBy(() -> reader.decode(encoded)).hasMessageContaining("encrypted under key 'key-2026'");
    }

    @Test
    void dataConverter_withTheKeyVariableUnset_failsNamingIt() {
        var config = new TemporalConfig(null, null, null, null, null, null, "SLUICE_PAYLOAD_KEY", null, null, null, null, null, null);

        assertThatThrownBy(() -> TemporalConnection.dataConverter(config, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("temporal.payloadKeyEnv names SLUICE_PAYLOAD_KEY, which is not set");
    }

    @Test
    void codecServer_decodesWhatTheCodecEncoded() throws Exception {
        var codec = AesGcmPayloadCodec.fromBase64("sluice-1", KEY);
        var plain = Payload.newBuilder().putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFromUtf8("\"hello\"")).build();
        var encrypted = codec.encode(List.of(plain)).get(0);
        try (var server = CodecServer.start("127.0.0.1", 0, codec, "http://127.0.0.1:8233")) {
            String body = com.google.protobuf.util.JsonFormat.printer().print(
                    io.temporal.api.common.v1.Payloads.newBuilder().addPayloads(encrypted).build());
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8233");
            assertThat(response.body()).contains(Base64.getEncoder().encodeToString("\"hello\"".getBytes()));
        }
    }

    @WorkflowInterface
    public interface EchoWorkflow {
        @WorkflowMethod
        String echo(String text);
    }

    public static final class EchoWorkflowImpl implements EchoWorkflow {
        @Override
        public String echo(String text) {
            return "echo " + text;
        }
    }
}
