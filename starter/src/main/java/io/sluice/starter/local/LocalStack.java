package io.sluice.starter.local;

import io.sluice.activities.ActivitiesModule;
import io.sluice.activities.aws.calls.AwsCallListener;
import io.sluice.client.config.AccountConfig;
import io.sluice.client.config.AwsConfig;
import io.sluice.client.config.ConfigFiles;
import io.sluice.client.config.CopyConfig;
import io.sluice.client.config.LocalConfig;
import io.sluice.client.config.SluiceConfig;
import io.sluice.client.config.TemporalConfig;
import io.sluice.client.identity.ProofSigner;
import io.sluice.sandbox.LocalAccount;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalPersonas.Persona;
import io.sluice.sandbox.LocalTemporal;
import io.sluice.starter.identity.IdentityOptions;
import io.sluice.workers.SluiceWorker;
import io.sluice.workers.WorkerMain;
import io.sluice.workflows.SluiceSearchAttributes;
import io.sluice.workflows.identity.IdentityProof;
import io.sluice.workflows.identity.ProofBinding;
import io.sluice.workflows.identity.StsEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Everything {@code sluice dev} and {@code sluice demo} run in one process: Temporal, moto and the
 * registries, optionally a worker, the {@code local.yaml} that lets client commands and a separate
 * worker use them, and the sample data and specs. {@link #close()} stops all of it, in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    /** Where every worker of the local stack logs each AWS call it makes, in the state directory. */
    public static final String CALL_LOG = "aws-calls.jsonl";

    private final LocalTemporal temporal;
    private final LocalAws aws;
    private final SluiceConfig config;
    private final Path configFile;
    private final Path buildSpec;
    private final Map<String, AwsSessionCredentials> personas;
    private final SluiceWorker worker;
    private final StateDirectoryLock lock;
    private volatile boolean closed;

    private LocalStack(LocalTemporal temporal, LocalAws aws, SluiceConfig config, Path configFile, Path buildSpec,
            Map<String, AwsSessionCredentials> personas, SluiceWorker worker, StateDirectoryLock lock) {
        this.personas = Map.copyOf(personas);
        this.lock = lock;
        this.temporal = temporal;
        this.aws = aws;
        this.config = config;
        this.configFile = configFile;
        this.buildSpec = buildSpec;
        this.worker = worker;
    }

    /**
     * Starts the stack with its state under {@code stateDirectory}, Temporal on {@code temporalPort}
     * when free, and a worker in this process unless {@code withWorker} is false.
     */
    public static LocalStack start(Path stateDirectory, int temporalPort, boolean withWorker) {
        return start(stateDirectory, temporalPort, withWorker, AwsCallListener.NONE);
    }

    /** As {@link #start(Path, int, boolean)}, with the worker telling {@code callListener} of every AWS call. */
    public static LocalStack start(Path stateDirectory, int temporalPort, boolean withWorker, AwsCallListener callListener) {
        StateDirectoryLock lock = StateDirectoryLock.acquire(stateDirectory);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalTemporal temporal = LocalTemporal.start(temporalPort, SluiceSearchAttributes.ALL, stateDirectory);
            started.add(temporal);
            LocalAws aws = LocalAws.start(stateDirectory);
            started.add(aws);
            SluiceConfig config = configFor(temporal, aws, stateDirectory.resolve(CALL_LOG));
            Path configFile = stateDirectory.resolve("local.yaml");
            ConfigFiles.write(config, configFile);
            Path buildSpec = SampleSeeds.seed(aws, config, stateDirectory);
            var personas = LocalCredentialsFile.write(aws, configFile.resolveSibling(IdentityOptions.LOCAL_CREDENTIALS_FILE));
            SluiceWorker worker = withWorker ? WorkerMain.start(config, binder -> ActivitiesModule.callListenerBinder(binder)
                    .setBinding().toInstance(callListener)) : null;
            return new LocalStack(temporal, aws, config, configFile, buildSpec, personas, worker, lock);
        } catch (RuntimeException | Error e) {
            started.add(0, lock);
            closeAll(started);
            throw e;
        }
    }

    /** The config of the local stack: its accounts, Temporal and the moto and registry endpoints. */
    static SluiceConfig configFor(LocalTemporal temporal, LocalAws aws, Path callLog) {
        Map<String, AccountConfig> accounts = new LinkedHashMap<>();
        for (LocalAccount account : aws.accounts()) {
            accounts.put(account.alias(), new AccountConfig(account.id(), account.workerRoleArn()));
        }
        return new SluiceConfig(LocalAws.REGION, accounts,
                temporalConfig(temporal),
                LocalApprovers.approvals(),
                new AwsConfig(null, null, callLog.toAbsolutePath().toString()),
                CopyConfig.DEFAULTS,
                new LocalConfig(aws.awsEndpoint().toString(), aws.registryHostsByAccountId()));
    }

    /**
     * The Java test server never moves a workflow task off a dead worker's sticky queue (a real
     * server does after the sticky schedule-to-start timeout), so a run would wait for a worker
     * that is gone: against it, workers run without sticky execution.
     */
    private static TemporalConfig temporalConfig(LocalTemporal temporal) {
        TemporalConfig plain = TemporalConfig.plain(temporal.target(), temporal.namespace());
        return temporal.recoversStickyQueues() ? plain : plain.withoutStickyExecution();
    }

    public LocalTemporal temporal() {
        return temporal;
    }

    public LocalAws aws() {
        return aws;
    }

    public SluiceConfig config() {
        return config;
    }

    public Path configFile() {
        return configFile;
    }

    /** Signs proofs of identity as {@code persona}, with the credentials written to the local credentials file. */
    public IdentityOptions.Prover prover(Persona persona) {
        var signer = new ProofSigner(StaticCredentialsProvider.create(personas.get(persona.profile())),
                StsEndpoint.of(config.region(), config.local().awsEndpoint()));
        return signer::sign;
    }

    /** {@code persona}'s proof of identity for starting run {@code workflowId}. */
    public IdentityProof startProof(Persona persona, String workflowId) {
        return prover(persona).prove(nonce -> ProofBinding.start(workflowId, nonce));
    }

    /** The ready-to-run build spec written into the state directory. */
    public Path buildSpec() {
        return buildSpec;
    }

    /** The sample deployment spec written beside the build spec. */
    public Path deploySpec() {
        return buildSpec.resolveSibling(SampleSeeds.DEPLOY_SPEC);
    }

    public boolean hasWorker() {
        return worker != null;
    }

    /** Stops the worker, then AWS and the registries, then Temporal. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> toClose = new ArrayList<>();
        toClose.add(temporal);
        toClose.add(aws);
        if (worker != null) {
            toClose.add(worker);
        }
        closeAll(toClose);
        closeAll(List.of(lock));
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {} failed", started.get(i), e);
            }
        }
    }
}
