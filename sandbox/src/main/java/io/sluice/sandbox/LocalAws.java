package io.sluice.sandbox;

import io.sluice.sandbox.foundations.AccountFoundations;
import io.sluice.sandbox.foundations.DeployTemplates;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The local stand-in for an AWS estate: moto for the AWS APIs, with one account per alias of
 * {@link #ACCOUNTS}, and a real registry for each account that holds images. {@link #reset()}
 * returns everything to the freshly seeded state (the accounts set up by deploy/aws's templates,
 * as {@code sluice bootstrap} sets up real ones); {@link #close()} stops every server.
 */
public final class LocalAws implements AutoCloseable {
    /** The region of the local stack. */
    public static final String REGION = "us-east-1";
    /** Credentials of the worker's own identity on the local stack; moto accepts any. */
    public static final AwsBasicCredentials WORKER_IDENTITY = AwsBasicCredentials.create("sluicelocal", "sluicelocal");
    /**
     * A second development account, set up as dev is: a team that builds models of the same names
     * and promotes them into the same shared account.
     */
    public static final String SECOND_DEV_ACCOUNT = "dev2";
    /** The accounts of a Sluice estate, as the local stack seeds them: the six every estate has, then dev2. */
    public static final List<LocalAccount> ACCOUNTS = List.of(
            new LocalAccount("governance", "100000000001"),
            new LocalAccount("producer", "100000000002"),
            new LocalAccount("dev", "100000000003"),
            new LocalAccount("shared", "100000000004"),
            new LocalAccount("test", "100000000005"),
            new LocalAccount("prod", "100000000006"),
            new LocalAccount(SECOND_DEV_ACCOUNT, "100000000007"));
    /** Accounts whose registries hold images: development builds, shared services promote. */
    public static final List<String> REGISTRY_ACCOUNTS = List.of("dev", SECOND_DEV_ACCOUNT, "shared");

    /**
     * How long an S3 client of the local stack waits for an answer: moto assembles a completed
     * multipart upload in memory before it answers, about 30 s for 1 GiB, where S3 answers at once.
     */
    static final java.time.Duration S3_ANSWER_TIMEOUT = java.time.Duration.ofMinutes(5);

    private final MotoServer moto;
    private final Map<String, RegistryServer> registries;

    private LocalAws(MotoServer moto, Map<String, RegistryServer> registries) {
        this.moto = moto;
        this.registries = registries;
    }

    /** Starts moto and the registries, keeping logs and registry data under {@code stateDirectory}, and seeds. */
    public static LocalAws start(Path stateDirectory) {
        MotoServer moto = MotoServer.start(stateDirectory);
        Map<String, RegistryServer> registries = new LinkedHashMap<>();
        try {
            for (String alias : REGISTRY_ACCOUNTS) {
                registries.put(alias, RegistryServer.start(alias, stateDirectory.resolve("registry-" + alias)));
            }
            var localAws = new LocalAws(moto, registries);
            localAws.seed();
            return localAws;
        } catch (RuntimeException e) {
            registries.values().forEach(RegistryServer::close);
            moto.close();
            throw e;
        }
    }

    public URI awsEndpoint() {
        return moto.endpoint();
    }

    public MotoServer moto() {
        return moto;
    }

    public List<LocalAccount> accounts() {
        return ACCOUNTS;
    }

    public LocalAccount account(String alias) {
        return ACCOUNTS.stream()
                .filter(account -> account.alias().equals(alias))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no local account '" + alias + "'"));
    }

    /** The registry of account {@code alias}. */
    public RegistryServer registry(String alias) {
        return Objects.requireNonNull(registries.get(alias), () -> "account '" + alias + "' has no local registry");
    }

    /** Registry host by account id: where the local stack serves each account's ECR registry. */
    public Map<String, String> registryHostsByAccountId() {
        Map<String, String> hosts = new LinkedHashMap<>();
        registries.forEach((alias, registry) -> hosts.put(account(alias).id(), registry.host()));
        return hosts;
    }

    /** PIDs of every server process, for checks that nothing is left running. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(moto.pid());
        registries.values().forEach(registry -> pids.add(registry.pid()));
        return pids;
    }

    /** Credentials that act as the account {@code alias}, obtained by assuming its worker role. */
    public AwsCredentialsProvider credentials(String alias) {
        LocalAccount account = account(alias);
        try (var sts = workerSts()) {
            var assumed = sts.assumeRole(request -> request.roleArn(account.workerRoleArn()).roleSessionName("sandbox"))
                    .credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken()));
        }
    }

    /** An STS client acting as the local worker's own identity; the caller closes it. */
    private StsClient workerSts() {
        return StsClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(WORKER_IDENTITY))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An IAM client acting as account {@code alias}; the caller closes it. */
    public IamClient iam(String alias) {
        return IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(moto.endpoint())
                .credentialsProvider(credentials(alias))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An S3 client acting as account {@code alias}; the caller closes it. */
    public S3Client s3(String alias) {
        return S3Client.builder()
                .region(Region.of(REGION))
                .endpointOverride(moto.endpoint())
                .forcePathStyle(true)
                .credentialsProvider(credentials(alias))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(S3_ANSWER_TIMEOUT))
                .build();
    }

    /**
     * Clears every account and registry and seeds them again. Moto forgets the credentials it
     * issued, so clients made before a reset must be made again.
     */
    public void reset() {
        moto.reset();
        registries.values().forEach(RegistryServer::wipe);
        seed();
    }

    /**
     * The ARN of the identity the local worker runs as, as the templates' WorkerPrincipalArn
     * takes it: moto reports the default account's user ({@code arn:aws:sts::123456789012:user/moto}),
     * whose IAM ARN every worker role trusts.
     */
    public String workerPrincipal() {
        try (var sts = workerSts()) {
            String caller = sts.getCallerIdentity().arn();
            return caller.contains(":user/") ? caller.replaceFirst(":sts::", ":iam::") : caller;
        }
    }

    /** What {@code sluice bootstrap} deploys into the local accounts, with the local stack's names. */
    public AccountFoundations.Request foundations() {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> workerRoles = new LinkedHashMap<>();
        for (LocalAccount account : ACCOUNTS) {
            ids.put(account.alias(), account.id());
            workerRoles.put(account.alias(), LocalAccount.WORKER_ROLE);
        }
        LocalAccount producer = account("producer");
        return new AccountFoundations.Request(ids, workerRoles, workerPrincipal(), LocalAccount.EXECUTION_ROLE,
                account("shared").artifactBucket(), account("dev").artifactBucket(), producer.artifactBucket(),
                Map.of(SECOND_DEV_ACCOUNT, account(SECOND_DEV_ACCOUNT).artifactBucket()));
    }

    /**
     * Sets the accounts up as {@code sluice bootstrap} sets up real ones: the deploy/aws templates
     * give them their roles, the shared bucket, its policy and key. The development and producer
     * buckets are the teams' own, which the templates take as given (ArtifactBucket, ProducerDataBucket),
     * so they are made here first. The stacks are deployed with credentials of each account that
     * moto hands out before its worker role exists; on AWS a deployer role does this.
     */
    private void seed() {
        for (String alias : List.of("dev", SECOND_DEV_ACCOUNT, "producer")) {
            try (var s3 = s3(alias)) {
                s3.createBucket(request -> request.bucket(account(alias).artifactBucket()));
            }
        }
        Map<String, CloudFormationClient> clients = new LinkedHashMap<>();
        Map<String, S3Client> s3Clients = new LinkedHashMap<>();
        try {
            AccountFoundations.deploy(foundations(),
                    alias -> clients.computeIfAbsent(alias, this::cloudFormation),
                    alias -> s3Clients.computeIfAbsent(alias, this::s3),
                    DeployTemplates.locate()::body,
                    deployed -> { });
        } finally {
            clients.values().forEach(CloudFormationClient::close);
            s3Clients.values().forEach(S3Client::close);
        }
    }

    private CloudFormationClient cloudFormation(String alias) {
        return CloudFormationClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(moto.endpoint())
                .credentialsProvider(credentials(alias))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        registries.values().forEach(RegistryServer::close);
        moto.close();
    }
}
