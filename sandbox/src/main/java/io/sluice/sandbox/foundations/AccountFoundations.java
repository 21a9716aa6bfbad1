package io.sluice.sandbox.foundations;

import io.sluice.sandbox.foundations.TemplateStacks.AppliedStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The account foundations of deploy/aws, deployed into an estate of six accounts, and of any
 * further development accounts set up as dev is: the shared
 * services bucket and key, the SageMaker execution role in dev, test and prod, in every
 * account the role the worker assumes there, and the statements other accounts' roles need in
 * the policies of the teams' own buckets ({@link BucketGrants}). {@code sluice bootstrap} applies them to real
 * accounts; the local stack applies them to its own, so what it can do is what they grant.
 * Each stack is applied by {@link TemplateStacks}: a second deployment with the same request
 * changes nothing.
 */
public final class AccountFoundations {
    /** The account aliases an estate needs, in the order their worker roles are deployed. */
    public static final List<String> ACCOUNTS = List.of("governance", "producer", "dev", "shared", "test", "prod");
    public static final String SHARED_SERVICES_STACK = "sluice-shared-services";
    public static final String EXECUTION_ROLE_STACK = "sluice-sagemaker-execution-role";
    public static final String ACCOUNT_ROLE_STACK = "sluice-account-role";
    /** Accounts that get a SageMaker execution role: jobs run in dev, endpoints in test and prod. */
    public static final List<String> EXECUTION_ROLE_ACCOUNTS = List.of("dev", "test", "prod");
    private static final Map<String, String> TAGS = Map.of("sluice:bootstrap", "true");

    private AccountFoundations() {}

    /**
     * What to deploy.
     *
     * @param accountIds account id by alias; every alias of {@link #ACCOUNTS} and of {@code extraDevAccounts}
     * @param workerRoleNames name of the worker role by alias; the same aliases
     * @param workerPrincipal ARN of the identity the worker runs as; every worker role trusts it
     * @param executionRoleName name of the SageMaker execution role
     * @param sharedBucket the shared artifact bucket's name, or empty for the template's default
     * @param devBucket the dev account's artifact bucket (it exists already; the roles are granted it)
     * @param producerBucket the producer's data bucket (it exists already; the roles are granted it)
     * @param extraDevAccounts further development accounts, as dev is set up, by alias, each with its
     *     artifact bucket (it exists already), in the order they are deployed; they promote into the
     *     same shared account and read the same producer bucket
     */
    public record Request(Map<String, String> accountIds, Map<String, String> workerRoleNames, String workerPrincipal,
            String executionRoleName, String sharedBucket, String devBucket, String producerBucket,
            Map<String, String> extraDevAccounts) {
        public Request {
            accountIds = Map.copyOf(accountIds);
            workerRoleNames = Map.copyOf(workerRoleNames);
            Objects.requireNonNull(workerPrincipal, "workerPrincipal is null");
            Objects.requireNonNull(executionRoleName, "executionRoleName is null");
            Objects.requireNonNull(sharedBucket, "sharedBucket is null");
            Objects.requireNonNull(devBucket, "devBucket is null");
            Objects.requireNonNull(producerBucket, "producerBucket is null");
            extraDevAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNull(extraDevAccounts, "extraDevAccounts is null")));
            List<String> aliases = new ArrayList<>(ACCOUNTS);
            for (String alias : extraDevAccounts.keySet()) {
                if (ACCOUNTS.contains(alias)) {
                    throw new IllegalArgumentException("account '" + alias + "' is one of " + ACCOUNTS
                            + ", not a further development account");
                }
                if (extraDevAccounts.get(alias) == null || extraDevAccounts.get(alias).isBlank()) {
                    throw new IllegalArgumentException("development account '" + alias + "' has no artifact bucket");
                }
                aliases.add(alias);
            }
            for (String alias : aliases) {
                if (!accountIds.containsKey(alias) || !workerRoleNames.containsKey(alias)) {
                    throw new IllegalArgumentException("account '" + alias + "' is missing");
                }
            }
        }

        /** A request for the six accounts of {@link #ACCOUNTS} only. */
        public Request(Map<String, String> accountIds, Map<String, String> workerRoleNames, String workerPrincipal,
                String executionRoleName, String sharedBucket, String devBucket, String producerBucket) {
            this(accountIds, workerRoleNames, workerPrincipal, executionRoleName, sharedBucket, devBucket, producerBucket, Map.of());
        }

        /** Every development account's artifact bucket by alias: dev's first, then the further ones'. */
        public Map<String, String> devBuckets() {
            Map<String, String> buckets = new LinkedHashMap<>();
            buckets.put("dev", devBucket);
            buckets.putAll(extraDevAccounts);
            return buckets;
        }
    }

    /** One stack as deployed into one account. */
    public record DeployedStack(String account, AppliedStack stack) {}

    /**
     * What the foundations hold, for the config.
     *
     * @param workerRoleArns the worker role's ARN by alias
     * @param executionRoleArns the execution role's ARN by alias of {@link #EXECUTION_ROLE_ACCOUNTS} and of each
     *     further development account
     */
    public record Result(String sharedBucket, String sharedKeyArn, Map<String, String> executionRoleArns,
            Map<String, String> workerRoleArns, List<DeployedStack> stacks, List<BucketGrants.Applied> bucketPolicies) {
        public Result {
            executionRoleArns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(executionRoleArns));
            workerRoleArns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workerRoleArns));
            stacks = List.copyOf(stacks);
            bucketPolicies = List.copyOf(bucketPolicies);
        }
    }

    /**
     * Deploys every stack, in dependency order, and reports each to {@code progress} when done.
     *
     * @param cloudFormation a CloudFormation client acting in the account of the given alias
     * @param s3 an S3 client acting in the account of the given alias
     * @param templates the body of a deploy/aws template by file name
     * @throws TemplateStacks.StackFailedException at the first stack that fails; the stacks before it stay
     */
    public static Result deploy(Request request, Function<String, CloudFormationClient> cloudFormation,
            Function<String, S3Client> s3, Function<String, String> templates, Consumer<DeployedStack> progress) {
        List<DeployedStack> deployed = new ArrayList<>();
        var deployer = new Object() {
            AppliedStack apply(String account, String stackName, String template, Map<String, String> parameters) {
                Map<String, String> given = new LinkedHashMap<>();
                parameters.forEach((key, value) -> {
                    if (value != null && !value.isEmpty()) {
                        given.put(key, value);
                    }
                });
                AppliedStack stack = TemplateStacks.apply(cloudFormation.apply(account), stackName, templates.apply(template), given, TAGS);
                var done = new DeployedStack(account, stack);
                deployed.add(done);
                progress.accept(done);
                return stack;
            }
        };
        Map<String, String> accounts = request.accountIds();
        AppliedStack shared = deployer.apply("shared", SHARED_SERVICES_STACK, "shared-services.yaml", Map.of(
                "TestAccountId", accounts.get("test"), "ProdAccountId", accounts.get("prod"),
                "ArtifactBucketName", request.sharedBucket()));
        String sharedBucket = shared.output("ArtifactBucket");
        String sharedKey = shared.output("ArtifactKeyArn");

        Map<String, String> devBuckets = request.devBuckets();
        List<String> executionRoleAccounts = new ArrayList<>(EXECUTION_ROLE_ACCOUNTS);
        executionRoleAccounts.addAll(request.extraDevAccounts().keySet());
        Map<String, String> executionRoles = new LinkedHashMap<>();
        for (String stage : executionRoleAccounts) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("RoleName", request.executionRoleName());
            if (devBuckets.containsKey(stage)) {
                parameters.put("ReadWriteBucketArns", "arn:aws:s3:::" + devBuckets.get(stage));
                parameters.put("ReadOnlyBucketArns", "arn:aws:s3:::" + request.producerBucket());
                parameters.put("PullAwsImages", "true");
                parameters.put("RunsAthenaQueries", "true");
                parameters.put("GovernanceAccountId", accounts.get("governance"));
            } else {
                parameters.put("ReadOnlyBucketArns", "arn:aws:s3:::" + sharedBucket);
                parameters.put("KmsKeyArn", sharedKey);
                parameters.put("SharedServicesAccountId", accounts.get("shared"));
            }
            executionRoles.put(stage, deployer.apply(stage, EXECUTION_ROLE_STACK, "sagemaker-execution-role.yaml", parameters)
                    .output("RoleArn"));
        }

        Map<String, String> workerRoles = new LinkedHashMap<>();
        String dataAccessRole = null;
        List<String> roleAccounts = new ArrayList<>(ACCOUNTS);
        roleAccounts.addAll(request.extraDevAccounts().keySet());
        for (String alias : roleAccounts) {
            String kind = devBuckets.containsKey(alias) ? "dev" : alias;
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("AccountKind", kind);
            parameters.put("WorkerPrincipalArn", request.workerPrincipal());
            parameters.put("RoleName", request.workerRoleNames().get(alias));
            switch (kind) {
                case "governance" -> parameters.put("DataLocationBucketArns", "arn:aws:s3:::" + request.producerBucket());
                case "producer" -> {
                    parameters.put("GovernanceAccountId", accounts.get("governance"));
                    parameters.put("ProducerDataBucket", request.producerBucket());
                }
                case "dev" -> {
                    parameters.put("GovernanceAccountId", accounts.get("governance"));
                    parameters.put("ArtifactBucket", devBuckets.get(alias));
                    parameters.put("SageMakerExecutionRoleArn", executionRoles.get(alias));
                    parameters.put("DataProductBucketArns", "arn:aws:s3:::" + request.producerBucket());
                }
                case "shared" -> {
                    parameters.put("ArtifactBucket", sharedBucket);
                    parameters.put("ArtifactKeyArn", sharedKey);
                    parameters.put("CopySourceBucketArns", String.join(",",
                            devBuckets.values().stream().map(bucket -> "arn:aws:s3:::" + bucket).toList()));
                }
                case "test", "prod" -> {
                    parameters.put("SageMakerExecutionRoleArn", executionRoles.get(kind));
                    parameters.put("SharedServicesAccountId", accounts.get("shared"));
                }
                default -> { }
            }
            AppliedStack role = deployer.apply(alias, ACCOUNT_ROLE_STACK, "account-role.yaml", parameters);
            workerRoles.put(alias, role.output("RoleArn"));
            if (kind.equals("governance")) {
                dataAccessRole = role.output("DataAccessRoleArn");
            }
        }

        List<String> dataProductReaders = new ArrayList<>();
        dataProductReaders.add(dataAccessRole);
        devBuckets.keySet().forEach(alias -> {
            dataProductReaders.add(workerRoles.get(alias));
            dataProductReaders.add(executionRoles.get(alias));
        });
        List<BucketGrants.Applied> bucketPolicies = new ArrayList<>();
        bucketPolicies.add(BucketGrants.apply(s3.apply("producer"), "producer", request.producerBucket(),
                dataProductReaders(request.producerBucket(), dataProductReaders)));
        devBuckets.forEach((alias, bucket) -> bucketPolicies.add(BucketGrants.apply(s3.apply(alias), alias, bucket,
                promotionReaders(bucket, workerRoles.get("shared")))));
        return new Result(sharedBucket, sharedKey, executionRoles, workerRoles, deployed, bucketPolicies);
    }

    /**
     * The producer's data bucket: Lake Formation's data access role reads it for the catalog's
     * readers, and the consumer's worker (for jobs it runs itself) and its SageMaker execution
     * role (for processing jobs) read the data products in it directly from S3.
     */
    static List<BucketGrants.Grant> dataProductReaders(String bucket, List<String> readers) {
        return List.of(
                new BucketGrants.Grant("SluiceDataProductReadersList", readers, List.of("s3:ListBucket", "s3:GetBucketLocation"),
                        List.of("arn:aws:s3:::" + bucket)),
                new BucketGrants.Grant("SluiceDataProductReadersObjects", readers, List.of("s3:GetObject"),
                        List.of("arn:aws:s3:::" + bucket + "/*")));
    }

    /** The dev artifact bucket: the shared account's worker copies approved artifacts out of it, server side. */
    static List<BucketGrants.Grant> promotionReaders(String bucket, String sharedWorker) {
        return List.of(new BucketGrants.Grant("SluicePromotionReaders", List.of(sharedWorker),
                List.of("s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectTagging"),
                List.of("arn:aws:s3:::" + bucket + "/*")));
    }
}
