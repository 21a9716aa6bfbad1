package io.sluice.client.codec;

import io.sluice.client.config.ConfigException;
import io.sluice.client.config.SluiceConfig;
import io.sluice.client.temporal.TemporalConnection;
import io.sluice.workflows.AwsAccount;
import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Decrypts the payload data key with AWS KMS as the role of the account the config names: the
 * caller's own credentials (default provider chain; a fixed local key pair against the local
 * stack) assume that role through STS. Workers and client commands decrypt the same key the same
 * way. Close it when the key is decrypted.
 */
public final class KmsDataKeys implements TemporalConnection.DataKeyDecryptor, AutoCloseable {
    private static final String SESSION_NAME = "sluice-payload-key";

    private final String region;
    private final Map<String, AwsAccount> accounts;
    private final String endpointOverride;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider identity;
    private final ClientOverrideConfiguration limits;
    private final StsClient sts;
    private final Map<String, KmsClient> kmsByAccount = new ConcurrentHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * @param identity the caller's credentials, used only to assume the accounts' roles; closed with this
     * @param endpointOverride the local stack's endpoint, or empty for AWS
     * @param apiCallTimeout the limit for one call including the SDK's retries, as the config's {@code aws:} sets it
     * @param apiCallAttemptTimeout the limit for one HTTP attempt
     */
    public KmsDataKeys(String region, Map<String, AwsAccount> accounts, String endpointOverride, AwsCredentialsProvider identity,
            Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
        this.region = Objects.requireNonNull(region, "region is null");
        this.accounts = Map.copyOf(accounts);
        this.endpointOverride = Objects.requireNonNull(endpointOverride, "endpointOverride is null");
        this.identity = Objects.requireNonNull(identity, "identity is null");
        this.limits = ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).apiCallAttemptTimeout(apiCallAttemptTimeout)
                .retryStrategy(RetryMode.STANDARD).build();
        var builder = StsClient.builder().region(Region.of(region)).httpClient(http).credentialsProvider(identity)
                .overrideConfiguration(limits);
        if (!endpointOverride.isEmpty()) {
            builder.endpointOverride(URI.create(endpointOverride));
        }
        this.sts = builder.build();
    }

    /** The data keys of {@code config}'s accounts, as the caller. */
    public static KmsDataKeys forConfig(SluiceConfig config) {
        String endpoint = config.local().awsEndpoint();
        AwsCredentialsProvider identity = endpoint.isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create("sluicelocal", "sluicelocal"));
        return new KmsDataKeys(config.region(), config.awsAccounts(), endpoint, identity, config.aws().apiCallTimeout(),
                config.aws().apiCallAttemptTimeout());
    }

    /**
     * Temporal's payload conversion for {@code config}: encrypted when it sets a payload key, with
     * the data keys decrypted through KMS, as the caller, only when the config has KMS-encrypted ones.
     */
    public static DataConverter dataConverter(SluiceConfig config, Map<String, String> environment) {
        if (!config.temporal().decryptsKeysWithKms()) {
            return TemporalConnection.dataConverter(config.temporal(), environment, TemporalConnection.WITHOUT_KMS);
        }
        try (var keys = forConfig(config)) {
            return TemporalConnection.dataConverter(config.temporal(), environment, keys);
        }
    }

    /** The payload codec of {@code config}, which must encrypt payloads; its keys found as {@link #dataConverter} finds them. */
    public static AesGcmPayloadCodec payloadCodec(SluiceConfig config, Map<String, String> environment) {
        if (!config.temporal().decryptsKeysWithKms()) {
            return TemporalConnection.payloadCodec(config.temporal(), environment, TemporalConnection.WITHOUT_KMS);
        }
        try (var keys = forConfig(config)) {
            return TemporalConnection.payloadCodec(config.temporal(), environment, keys);
        }
    }

    @Override
    public byte[] decrypt(String account, byte[] ciphertext) {
        AwsAccount role = accounts.get(account);
        if (role == null) {
            throw new ConfigException("temporal.payloadKeyAccount '" + account + "' is not an account of the config; accounts are "
                    + accounts.keySet().stream().sorted().toList());
        }
        try {
            return kms(role).decrypt(decrypt -> decrypt.ciphertextBlob(SdkBytes.fromByteArray(ciphertext))).plaintext().asByteArray();
        } catch (SdkException e) {
            throw new ConfigException("decrypting the payload data key with KMS as " + role.roleArn() + " failed: " + e.getMessage(), e);
        }
    }

    /** The KMS client acting as {@code account}'s role. */
    KmsClient kms(AwsAccount account) {
        return kmsByAccount.computeIfAbsent(account.alias(), alias -> {
            var credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(assume -> assume.roleArn(account.roleArn()).roleSessionName(SESSION_NAME)).build();
            var builder = KmsClient.builder().region(Region.of(region)).httpClient(http).credentialsProvider(credentials)
                    .overrideConfiguration(limits);
            if (!endpointOverride.isEmpty()) {
                builder.endpointOverride(URI.create(endpointOverride));
            }
            KmsClient kms = builder.build();
            synchronized (opened) {
                opened.add(kms);
                opened.add(credentials);
            }
            return kms;
        });
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(KmsDataKeys::closeQuietly);
            opened.clear();
        }
        sts.close();
        if (identity instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        http.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a client at the end of a command: nothing is left to do with it.
        }
    }
}
