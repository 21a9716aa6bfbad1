package io.sluice.starter.aws;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The resource policies of an estate's resources, read by the account that owns each through its
 * worker role: bucket policies, repository policies, model package group policies, KMS key
 * policies, and for a Glue catalog the share its Lake Formation grants to other accounts make
 * ({@link LakeFormationShares}); and the key each bucket encrypts with. What is read is what AWS
 * (or the local stack) holds, never what the code meant to set.
 */
final class ResourcePolicies {
    /** A model package group, or a package in it: the group's resource policy governs both. */
    private static final Pattern MODEL_PACKAGE = Pattern.compile("arn:aws[a-z-]*:sagemaker:[^:]+:\\d{12}:model-package(?:-group)?/([^/]+)(?:/.*)?");

    /**
     * Repositories outside the estate are AWS's own (Data Wrangler, the built-in algorithms): AWS
     * lets any account pull from them, so only the puller's identity policy decides.
     */
    static final String AWS_OWNED_REPOSITORY_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",\
            "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"]}]}""";

    private final AwsClients clients;
    private final Map<String, String> aliasById = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    ResourcePolicies(AwsClients clients) {
        this.clients = clients;
        clients.settings().accounts().forEach((alias, account) -> aliasById.putIfAbsent(account.id(), alias));
    }

    /** The alias of account {@code id}, if it is one of the config's. */
    Optional<String> alias(String accountId) {
        return Optional.ofNullable(aliasById.get(accountId));
    }

    /**
     * The account that owns {@code resourceArn}: the account of the ARN, or for S3 (whose ARNs name
     * none) the account holding the bucket; {@code callerAccount} when neither tells.
     */
    String owner(String resourceArn, String callerAccount) {
        if (resourceArn.startsWith("arn:aws:s3:::")) {
            return bucketOwner(bucket(resourceArn)).orElse(callerAccount);
        }
        String[] parts = resourceArn.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : callerAccount;
    }

    /** The policy of the resource {@code resourceArn} owned by {@code owner}, where its service has one and it is set. */
    Optional<String> of(String resourceArn, String owner) {
        if (resourceArn.startsWith("arn:aws:s3:::")) {
            String bucket = bucket(resourceArn);
            return read("s3:" + bucket, owner, alias -> clients.client(alias, AwsServices.S3)
                    .getBucketPolicy(get -> get.bucket(bucket)).policy());
        }
        if (resourceArn.startsWith("arn:aws:ecr:") && resourceArn.contains(":repository/")) {
            if (alias(owner).isEmpty()) {
                return Optional.of(AWS_OWNED_REPOSITORY_POLICY);
            }
            String repository = resourceArn.substring(resourceArn.indexOf(":repository/") + ":repository/".length());
            return read("ecr:" + owner + "/" + repository, owner, alias -> clients.client(alias, AwsServices.ECR)
                    .getRepositoryPolicy(get -> get.repositoryName(repository)).policyText());
        }
        if (resourceArn.startsWith("arn:aws:glue:")) {
            return read("glue:" + owner, owner, alias -> LakeFormationShares.policy(clients.settings().region(), owner,
                    clients.client(alias, AwsServices.LAKE_FORMATION)
                            .listPermissionsPaginator(list -> list.catalogId(owner))
                            .stream().flatMap(page -> page.principalResourcePermissions().stream()).toList())
                    .orElse(null));
        }
        if (resourceArn.startsWith("arn:aws:kms:") && resourceArn.contains(":key/")) {
            return read("kms:" + resourceArn, owner, alias -> clients.client(alias, AwsServices.KMS)
                    .getKeyPolicy(get -> get.keyId(resourceArn).policyName("default")).policy());
        }
        var modelPackage = MODEL_PACKAGE.matcher(resourceArn);
        if (modelPackage.matches()) {
            String group = modelPackage.group(1);
            return read("sagemaker:" + owner + "/" + group, owner, alias -> clients.client(alias, AwsServices.SAGEMAKER)
                    .getModelPackageGroupPolicy(get -> get.modelPackageGroupName(group)).resourcePolicy());
        }
        return Optional.empty();
    }

    /**
     * The ARN of the KMS key bucket {@code bucket} encrypts new objects with by default; empty when
     * it uses S3-managed keys, has no default encryption, or belongs to no account of the estate.
     */
    Optional<String> defaultKey(String bucket) {
        return bucketOwner(bucket).flatMap(owner -> read("s3-key:" + bucket, owner, alias -> {
            var rules = clients.client(alias, AwsServices.S3).getBucketEncryption(get -> get.bucket(bucket))
                    .serverSideEncryptionConfiguration().rules();
            String keyId = rules.stream().map(rule -> rule.applyServerSideEncryptionByDefault())
                    .filter(byDefault -> byDefault != null && byDefault.sseAlgorithmAsString().startsWith("aws:kms"))
                    .map(byDefault -> byDefault.kmsMasterKeyID()).filter(id -> id != null && !id.isEmpty())
                    .findFirst().orElse(null);
            if (keyId == null || (keyId.startsWith("arn:aws:kms:") && keyId.contains(":key/"))) {
                return keyId;
            }
            return clients.client(alias, AwsServices.KMS).describeKey(describe -> describe.keyId(keyId)).keyMetadata().arn();
        }));
    }

    /** The account that owns bucket {@code bucket}, found by asking each account which buckets it has. */
    private Optional<String> bucketOwner(String bucket) {
        return cache.computeIfAbsent("owner:" + bucket, key -> clients.settings().accounts().values().stream()
                .filter(account -> clients.client(account.alias(), AwsServices.S3).listBuckets().buckets().stream()
                        .anyMatch(owned -> owned.name().equals(bucket)))
                .map(account -> account.id())
                .findFirst());
    }

    private Optional<String> read(String key, String owner, java.util.function.Function<String, String> reader) {
        return cache.computeIfAbsent(key, ignored -> alias(owner).flatMap(alias -> {
            try {
                return Optional.ofNullable(reader.apply(alias));
            } catch (AwsServiceException noPolicy) {
                return Optional.empty();
            }
        }));
    }

    private static String bucket(String s3Arn) {
        return s3Arn.substring("arn:aws:s3:::".length()).split("/", 2)[0];
    }
}
