package io.sluice.activities.aws;

import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.AwsCallListener;
import io.sluice.activities.aws.calls.AwsCallLog;
import io.sluice.activities.aws.calls.AwsCallRecorder;
import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.FailureType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place AWS clients are built: a client per (account alias, service), made on first use
 * and reused, acting as the account's role (assumed through STS; credentials cached and refreshed
 * before they expire), in the configured region, with both API-call timeouts set, over one shared
 * HTTP client. {@link #close()} closes every client, credential provider and the HTTP client.
 */
public final class AwsClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsClients.class);

    private final AwsSettings settings;
    private final AwsCallListener callListener;
    private final AwsCallLog callLog;
    private final SdkHttpClient httpClient;
    private final StsClient workerSts;
    private final Map<String, RunSessions> roleCredentials = new ConcurrentHashMap<>();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Clients for {@code settings}: on AWS the worker's identity comes from the default provider
     * chain (environment, profile, container or instance role); against a local stand-in it is a
     * fixed local key pair, since the stand-in accepts any.
     */
    public static AwsClients create(AwsSettings settings) {
        return create(settings, AwsCallListener.NONE);
    }

    /** As {@link #create(AwsSettings)}, telling {@code callListener} of every call the accounts' clients make. */
    public static AwsClients create(AwsSettings settings, AwsCallListener callListener) {
        return new AwsClients(settings, identity(settings), callListener, null);
    }

    /**
     * A worker's clients: as {@link #create(AwsSettings, AwsCallListener)}, and with every call also
     * appended to the settings' call log when it names one. Only workers log, so the log holds what
     * the workflows did, not what clients and checks looked up.
     */
    public static AwsClients forWorker(AwsSettings settings, AwsCallListener callListener) {
        return new AwsClients(settings, identity(settings), callListener,
                settings.callLog().isEmpty() ? null : new AwsCallLog(Path.of(settings.callLog())));
    }

    private static AwsCredentialsProvider identity(AwsSettings settings) {
        return settings.endpoint().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("sluicelocal", "sluicelocal"))
                : DefaultCredentialsProvider.builder().build();
    }

    /**
     * @param settings region, accounts, timeouts and the optional endpoint override
     * @param workerIdentity the worker's own credentials, used only to assume the accounts' roles
     */
    public AwsClients(AwsSettings settings, AwsCredentialsProvider workerIdentity) {
        this(settings, workerIdentity, AwsCallListener.NONE, null);
    }

    /**
     * @param callListener told of every call an account's client makes (not the worker's own
     *     {@code AssumeRole} calls, which its role's trust policy governs)
     */
    private AwsClients(AwsSettings settings, AwsCredentialsProvider workerIdentity, AwsCallListener callListener,
            AwsCallLog callLog) {
        this.settings = settings;
        this.callLog = callLog;
        this.callListener = callLog == null ? callListener : both(callListener, callLog);
        // The socket waits as long as an attempt may last: its own default (30 s) would cut an
        // attempt given longer, such as a part copy S3 answers only when it is done.
        this.httpClient = ApacheHttpClient.builder().maxConnections(128).socketTimeout(settings.apiCallAttemptTimeout()).build();
        var stsBuilder = configure(StsClient.builder(), null).credentialsProvider(workerIdentity);
        this.workerSts = stsBuilder.build();
    }

    public AwsSettings settings() {
        return settings;
    }

    /** The account of {@code alias}; fails naming the aliases there are. */
    public AwsAccount account(String alias) {
        return settings.account(alias);
    }

    /** The client for {@code service} acting as the role of the account {@code alias}. */
    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C>
                    & AwsSyncClientBuilder<B, C>,
            C extends SdkClient> C client(String alias, AwsService<B, C> service) {
        if (closed) {
            // The worker is stopping: another worker takes the activity's next attempt.
            throw FailureType.AWS_UNAVAILABLE.failure("AWS clients are closed: the worker is stopping");
        }
        var account = settings.account(alias);
        return (C) clients.computeIfAbsent(alias + "/" + service.name(), key -> {
            B builder = configure(service.builder().get(), account).credentialsProvider(credentials(account));
            if (settings.endpoint().isPresent()) {
                builder = service.localCustomizer().apply(builder);
            }
            return builder.build();
        });
    }

    /**
     * Tells the call listener of a call the worker made outside the SDK as the role of account
     * {@code alias} (a registry protocol call), as the ECR API request {@code equivalent} that
     * authorizes the same action.
     */
    public void recordRegistryCall(String alias, String action, SdkRequest equivalent) {
        if (callListener != AwsCallListener.NONE) {
            AwsCallRecorder.record(callListener, settings.account(alias), settings.region(), "Ecr", action, equivalent,
                    AwsCall.Kind.REGISTRY);
        }
    }

    private static AwsCallListener both(AwsCallListener first, AwsCallListener second) {
        return first == AwsCallListener.NONE ? second : call -> {
            first.called(call);
            second.called(call);
        };
    }

    /**
     * Credentials of the role of {@code account}, assumed through STS and refreshed before expiry,
     * in a session of the run and step that calls ({@link RunSessions}).
     */
    private AwsCredentialsProvider credentials(AwsAccount account) {
        return roleCredentials.computeIfAbsent(account.alias(), alias -> new RunSessions(workerSts, account));
    }

    private <B extends AwsClientBuilder<B, C>
                    & AwsSyncClientBuilder<B, C>,
            C> B configure(B builder, AwsAccount account) {
        var overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .retryStrategy(RetryMode.STANDARD);
        if (account != null && callListener != AwsCallListener.NONE) {
            overrides.addExecutionInterceptor(new AwsCallRecorder(account, settings.region(), callListener));
        }
        builder.region(Region.of(settings.region()))
                .httpClient(httpClient)
                .overrideConfiguration(overrides.build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        closed = true;
        List<AutoCloseable> toClose = new ArrayList<>(clients.values());
        toClose.addAll(roleCredentials.values());
        toClose.add(workerSts);
        toClose.add(httpClient);
        if (callLog != null) {
            toClose.add(callLog);
        }
        clients.clear();
        roleCredentials.clear();
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {} failed", closeable, e);
            }
        }
    }
}
