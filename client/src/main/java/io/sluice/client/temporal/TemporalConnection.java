package io.sluice.client.temporal;

import io.sluice.client.codec.AesGcmPayloadCodec;
import io.sluice.client.config.ConfigException;
import io.sluice.client.config.TemporalConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Connects to Temporal as {@code temporal:} in config says: plain, mutual TLS, or an API key,
 * optionally starting from a Temporal envconfig profile.
 */
public final class TemporalConnection {
    private TemporalConnection() {}

    /** The connection profile {@code config} describes; {@code environment} supplies the API key. */
    public static ClientConfigProfile profile(TemporalConfig config, Map<String, String> environment) {
        ClientConfigProfile.Builder builder;
        if (config.profile().isEmpty()) {
            builder = ClientConfigProfile.newBuilder()
                    .setAddress(TemporalConfig.DEFAULT_TARGET)
                    .setNamespace("default");
        } else {
            try {
                builder = ClientConfigProfile.newBuilder(ClientConfigProfile.load(LoadClientConfigProfileOptions.newBuilder()
                        .setConfigFileProfile(config.profile())
                        .setEnvOverrides(environment)
                        .build()));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("temporal.profile '" + config.profile() + "' cannot be loaded: " + e.getMessage()
                        + "; expected a profile of the temporal CLI's config (temporal config list)", e);
            }
        }
        if (!config.target().isEmpty()) {
            builder.setAddress(config.target());
        }
        if (!config.namespace().isEmpty()) {
            builder.setNamespace(config.namespace());
        }
        if (config.tls().enabled()) {
            var tls = ClientConfigTLS.newBuilder();
            if (!config.tls().clientCert().isEmpty()) {
                tls.setClientCertPath(config.tls().clientCert()).setClientKeyPath(config.tls().clientKey());
            }
            if (!config.tls().serverCa().isEmpty()) {
                tls.setServerCACertPath(config.tls().serverCa());
            }
            if (!config.tls().serverName().isEmpty()) {
                tls.setServerName(config.tls().serverName());
            }
            builder.setTls(tls.build());
        }
        if (!config.apiKeyEnv().isEmpty()) {
            String apiKey = environment.get(config.apiKeyEnv());
            if (apiKey == null || apiKey.isBlank()) {
                throw new ConfigException("temporal.apiKeyEnv names " + config.apiKeyEnv()
                        + ", which is not set; expected the API key in that environment variable");
            }
            builder.setApiKey(apiKey);
        }
        return builder.build();
    }

    /**
     * Service stubs for {@code profile}, checked to answer within {@code timeout}.
     *
     * @throws TemporalUnreachableException if the server does not answer
     */
    public static WorkflowServiceStubs connect(ClientConfigProfile profile, Duration timeout) {
        return connect(profile, timeout, null);
    }

    /** As {@link #connect(ClientConfigProfile, Duration)}, reporting the SDK's metrics into {@code metrics} when given. */
    public static WorkflowServiceStubs connect(ClientConfigProfile profile, Duration timeout, com.uber.m3.tally.Scope metrics) {
        var options = profile.toWorkflowServiceStubsOptions();
        if (metrics != null) {
            options = io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(metrics).build();
        }
        try {
            return WorkflowServiceStubs.newConnectedServiceStubs(options, timeout);
        } catch (RuntimeException e) {
            throw new TemporalUnreachableException("cannot reach Temporal at " + profile.getAddress() + " (namespace "
                    + profile.getNamespace() + "): " + e.getMessage()
                    + "; check temporal.target in config, or start the local stack with `sluice dev`", e);
        }
    }

    /** A client on {@code stubs} in the profile's namespace, converting payloads with {@code converter}. */
    public static WorkflowClient client(WorkflowServiceStubs stubs, ClientConfigProfile profile, DataConverter converter) {
        return WorkflowClient.newInstance(stubs, profile.toWorkflowClientOptions().toBuilder().setDataConverter(converter).build());
    }

    /** Turns a KMS-encrypted data key into its plaintext, as the given account's role. */
    public interface DataKeyDecryptor {
        byte[] decrypt(String account, byte[] ciphertext);
    }

    /** For a config whose keys come from the environment only. */
    public static final DataKeyDecryptor WITHOUT_KMS = (account, ciphertext) -> {
        throw new ConfigException("temporal.payloadKeyCiphertext needs AWS to decrypt it, which this command has not");
    };

    /** As {@link #dataConverter(TemporalConfig, Map, DataKeyDecryptor)} without KMS (a key from the environment only). */
    public static DataConverter dataConverter(TemporalConfig config, Map<String, String> environment) {
        return dataConverter(config, environment, WITHOUT_KMS);
    }

    /**
     * Temporal's default payload conversion, encrypted with AES-256-GCM when a key is configured:
     * from the environment variable {@code payloadKeyEnv} names, or a KMS data key
     * ({@code payloadKeyCiphertext}) decrypted through {@code kms}.
     */
    public static DataConverter dataConverter(TemporalConfig config, Map<String, String> environment, DataKeyDecryptor kms) {
        if (!config.encryptsPayloads()) {
            return DefaultDataConverter.newDefaultInstance();
        }
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(payloadCodec(config, environment, kms)));
    }

    /** The payload codec of {@code config}; it must encrypt payloads ({@link TemporalConfig#encryptsPayloads()}). */
    public static AesGcmPayloadCodec payloadCodec(TemporalConfig config, Map<String, String> environment, DataKeyDecryptor kms) {
        if (!config.encryptsPayloads()) {
            throw new ConfigException("neither temporal.payloadKeyEnv nor temporal.payloadKeyCiphertext is set: payloads are not encrypted");
        }
        AesGcmPayloadCodec codec;
        if (!config.payloadKeyCiphertext().isEmpty()) {
            byte[] ciphertext;
            try {
                ciphertext = java.util.Base64.getDecoder().decode(config.payloadKeyCiphertext());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("temporal.payloadKeyCiphertext is not base64; expected the CiphertextBlob of "
                        + "aws kms generate-data-key --key-spec AES_256", e);
            }
            codec = new AesGcmPayloadCodec(config.payloadKeyId(), kms.decrypt(config.payloadKeyAccount(), ciphertext),
                    previousKeys(config, environment, kms));
        } else {
            String key = environment.get(config.payloadKeyEnv());
            if (key == null || key.isBlank()) {
                throw new ConfigException("temporal.payloadKeyEnv names " + config.payloadKeyEnv()
                        + ", which is not set; expected a base64 AES-256 key there (openssl rand -base64 32)");
            }
            try {
                codec = new AesGcmPayloadCodec(config.payloadKeyId(), AesGcmPayloadCodec.base64Key(key),
                        previousKeys(config, environment, kms));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("temporal.payloadKeyEnv: " + e.getMessage(), e);
            }
        }
        return codec;
    }

    /** The keys of {@code temporal.previousPayloadKeys}, each from its variable or decrypted by KMS. */
    private static Map<String, byte[]> previousKeys(TemporalConfig config, Map<String, String> environment, DataKeyDecryptor kms) {
        Map<String, byte[]> keys = new java.util.LinkedHashMap<>();
        config.previousPayloadKeys().forEach((id, source) -> {
            String where = "temporal.previousPayloadKeys." + id;
            if (source.startsWith("env:")) {
                String key = environment.get(source.substring(4));
                if (key == null || key.isBlank()) {
                    throw new ConfigException(where + " names " + source.substring(4) + ", which is not set; expected the base64 key"
                            + " that key id '" + id + "' wrote payloads with");
                }
                try {
                    keys.put(id, AesGcmPayloadCodec.base64Key(key));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ": " + e.getMessage(), e);
                }
            } else {
                keys.put(id, kms.decrypt(config.payloadKeyAccount(), java.util.Base64.getDecoder().decode(source.substring(4))));
            }
        });
        return keys;
    }
}
