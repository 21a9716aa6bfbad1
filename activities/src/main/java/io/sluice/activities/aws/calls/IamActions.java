package io.sluice.activities.aws.calls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * What IAM must allow for an API call: the actions of the Service Authorization Reference and the
 * resources they apply to, read from the request's members. Most operations need the action of
 * their own name on the resource their request names; the exceptions are spelled out per service.
 * A resource this class cannot name is {@code *}.
 */
public final class IamActions {
    /**
     * The permissions of one call, the condition keys it sets, and what AWS then does as roles the
     * call hands over.
     */
    public record Required(List<IamPermission> permissions, Map<String, List<String>> context,
            List<OnBehalf> onBehalf) {}

    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("sagemaker", "sagemaker"), Map.entry("sagemakerruntime", "sagemaker"),
            Map.entry("s3", "s3"), Map.entry("ecr", "ecr"), Map.entry("cloudformation", "cloudformation"),
            Map.entry("sfn", "states"), Map.entry("glue", "glue"), Map.entry("lakeformation", "lakeformation"),
            Map.entry("sts", "sts"), Map.entry("iam", "iam"), Map.entry("kms", "kms"));

    /** S3 operations whose IAM action is not {@code s3:<operation>}. */
    private static final Map<String, String> S3_ACTIONS = Map.ofEntries(
            Map.entry("HeadObject", "s3:GetObject"), Map.entry("HeadBucket", "s3:ListBucket"),
            Map.entry("ListObjectsV2", "s3:ListBucket"), Map.entry("ListObjects", "s3:ListBucket"),
            Map.entry("CreateMultipartUpload", "s3:PutObject"), Map.entry("UploadPart", "s3:PutObject"),
            Map.entry("CompleteMultipartUpload", "s3:PutObject"), Map.entry("UploadPartCopy", "s3:PutObject"),
            Map.entry("CopyObject", "s3:PutObject"), Map.entry("ListParts", "s3:ListMultipartUploadParts"),
            Map.entry("ListMultipartUploads", "s3:ListBucketMultipartUploads"),
            Map.entry("ListBuckets", "s3:ListAllMyBuckets"), Map.entry("DeleteObjects", "s3:DeleteObject"),
            Map.entry("GetBucketLocation", "s3:GetBucketLocation"));

    /** SageMaker request members that name a resource, with the ARN path of that resource type. */
    private static final Map<String, String> SAGEMAKER_NAMES = orderedMap(
            "ModelPackageGroupName", "model-package-group",
            "TrainingJobName", "training-job",
            "ProcessingJobName", "processing-job",
            "EndpointName", "endpoint",
            "EndpointConfigName", "endpoint-config",
            "ModelName", "model",
            "ModelCardName", "model-card");

    private IamActions() {}

    /** The permissions {@code operation} of {@code service} needs for {@code request} in {@code accountId}. */
    public static Required of(String service, String operation, SdkRequest request, String accountId, String region) {
        String key = service.toLowerCase(Locale.ROOT);
        String prefix = PREFIXES.getOrDefault(key, key);
        List<IamPermission> permissions = new ArrayList<>();
        Map<String, List<String>> context = new LinkedHashMap<>();
        List<OnBehalf> onBehalf = new ArrayList<>();
        switch (key) {
            case "s3" -> s3(operation, request, permissions, context);
            case "sagemaker", "sagemakerruntime" -> {
                permissions.add(new IamPermission(prefix + ":" + operation, sageMakerResource(operation, request, accountId, region)));
                passedRole(request).ifPresent(role -> {
                    permissions.add(new IamPermission("iam:PassRole", role));
                    context.put("iam:PassedToService", List.of("sagemaker.amazonaws.com"));
                });
            }
            case "ecr" -> permissions.add(new IamPermission("ecr:" + operation, ecrResource(operation, request, accountId, region)));
            case "cloudformation" -> {
                permissions.add(new IamPermission("cloudformation:" + operation,
                        member(request, "StackName").map(stack -> stack.startsWith("arn:") ? stack
                                : "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stack + "/*").orElse("*")));
                if (request instanceof CreateChangeSetRequest changeSet && changeSet.templateBody() != null) {
                    stackResources(changeSet.templateBody(), changeSet.parameters(), accountId, region, permissions, context, onBehalf);
                } else if (request instanceof CreateStackRequest create && create.templateBody() != null) {
                    stackResources(create.templateBody(), create.parameters(), accountId, region, permissions, context, onBehalf);
                }
            }
            case "sts" -> permissions.add(new IamPermission("sts:" + operation, member(request, "RoleArn").orElse("*")));
            case "kms" -> permissions.add(new IamPermission("kms:" + operation, member(request, "KeyId")
                    .map(id -> id.startsWith("arn:") ? id : "arn:aws:kms:" + region + ":" + accountId + ":key/" + id).orElse("*")));
            case "sfn" -> permissions.add(new IamPermission("states:" + operation, member(request, "stateMachineArn")
                    .or(() -> member(request, "executionArn")).orElse("*")));
            case "glue" -> glue(operation, request, accountId, region, permissions, context);
            case "lakeformation" -> {
                permissions.add(new IamPermission("lakeformation:" + operation, "*"));
                if (operation.equals("RegisterResource")) {
                    member(request, "RoleArn").ifPresent(role -> {
                        permissions.add(new IamPermission("iam:PassRole", role));
                        context.put("iam:PassedToService", List.of("lakeformation.amazonaws.com"));
                    });
                }
            }
            default -> permissions.add(new IamPermission(prefix + ":" + operation, "*"));
        }
        if (key.equals("sagemaker")) {
            onBehalf.addAll(OnBehalfPermissions.of(operation, request, accountId, region));
        }
        return new Required(permissions, context, onBehalf);
    }

    private static void s3(String operation, SdkRequest request, List<IamPermission> permissions, Map<String, List<String>> context) {
        String action = S3_ACTIONS.getOrDefault(operation, "s3:" + operation);
        String bucket = member(request, "Bucket").or(() -> member(request, "DestinationBucket")).orElse("");
        Optional<String> key = member(request, "Key").or(() -> member(request, "DestinationKey"));
        if (bucket.isEmpty()) {
            permissions.add(new IamPermission(action, "*"));
            return;
        }
        permissions.add(new IamPermission(action, key.map(k -> "arn:aws:s3:::" + bucket + "/" + k).orElse("arn:aws:s3:::" + bucket)));
        if (operation.equals("UploadPartCopy") || operation.equals("CopyObject")) {
            String source = member(request, "SourceBucket")
                    .map(sourceBucket -> sourceBucket + "/" + member(request, "SourceKey").orElse(""))
                    .or(() -> member(request, "CopySource")
                            .map(copySource -> URLDecoder.decode(copySource.replaceFirst("^/", "").replaceFirst("\\?.*$", ""),
                                    StandardCharsets.UTF_8)))
                    .orElse("*");
            permissions.add(new IamPermission("s3:GetObject", source.equals("*") ? "*" : "arn:aws:s3:::" + source));
        }
        member(request, "ServerSideEncryption").ifPresent(sse -> context.put("s3:x-amz-server-side-encryption", List.of(sse)));
    }

    private static String sageMakerResource(String operation, SdkRequest request, String accountId, String region) {
        if (operation.startsWith("List") || operation.equals("Search")) {
            return "*";
        }
        for (String arnMember : List.of("ModelPackageArn", "ModelPackageName", "ModelPackageGroupName", "ModelCardName", "ResourceArn")) {
            Optional<String> value = member(request, arnMember);
            if (value.isPresent() && value.get().startsWith("arn:")) {
                return value.get();
            }
        }
        if (operation.equals("CreateModelPackage")) {
            return member(request, "ModelPackageGroupName")
                    .map(group -> "arn:aws:sagemaker:" + region + ":" + accountId + ":model-package/" + lower(group) + "/*")
                    .orElse("*");
        }
        for (var name : SAGEMAKER_NAMES.entrySet()) {
            Optional<String> value = member(request, name.getKey());
            if (value.isPresent()) {
                return "arn:aws:sagemaker:" + region + ":" + accountId + ":" + name.getValue() + "/" + lower(value.get());
            }
        }
        return "*";
    }

    private static String ecrResource(String operation, SdkRequest request, String accountId, String region) {
        if (operation.equals("GetAuthorizationToken")) {
            return "*";
        }
        String registry = member(request, "registryId").orElse(accountId);
        return member(request, "repositoryName")
                .map(repository -> "arn:aws:ecr:" + region + ":" + registry + ":repository/" + repository)
                .orElse("*");
    }

    private static void glue(String operation, SdkRequest request, String accountId, String region, List<IamPermission> permissions,
            Map<String, List<String>> context) {
        String account = member(request, "CatalogId").orElse(accountId);
        String arnPrefix = "arn:aws:glue:" + region + ":" + account + ":";
        String action = "glue:" + operation;
        if (operation.endsWith("Crawler") || operation.endsWith("Crawlers")) {
            permissions.add(new IamPermission(action, member(request, "Name")
                    .map(name -> arnPrefix + "crawler/" + name).orElse("*")));
            member(request, "Role").ifPresent(role -> {
                permissions.add(new IamPermission("iam:PassRole",
                        role.startsWith("arn:") ? role : "arn:aws:iam::" + accountId + ":role/" + role));
                context.put("iam:PassedToService", List.of("glue.amazonaws.com"));
            });
            return;
        }
        permissions.add(new IamPermission(action, arnPrefix + "catalog"));
        Optional<String> database = member(request, "DatabaseName")
                .or(() -> operation.endsWith("Database") ? member(request, "Name") : Optional.empty())
                .or(() -> OnBehalfPermissions.values(request, "DatabaseInput.Name").stream().findFirst());
        database.ifPresent(name -> permissions.add(new IamPermission(action, arnPrefix + "database/" + name)));
        Optional<String> table = member(request, "TableName")
                .or(() -> operation.endsWith("Table") && !operation.equals("CreateTable") ? member(request, "Name") : Optional.empty())
                .or(() -> OnBehalfPermissions.values(request, "TableInput.Name").stream().findFirst())
                .or(() -> operation.equals("GetTables") ? Optional.of("*") : Optional.empty());
        table.ifPresent(name -> database.ifPresent(db -> permissions.add(new IamPermission(action, arnPrefix + "table/" + db + "/" + name))));
    }

    /** CloudFormation acts with the caller's permissions for each resource of the template it is handed. */
    private static void stackResources(String templateBody, List<Parameter> parameters, String accountId, String region,
            List<IamPermission> permissions, Map<String, List<String>> context, List<OnBehalf> onBehalf) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach(parameter -> values.put(parameter.parameterKey(), parameter.parameterValue()));
        var needs = StackResourcePermissions.needs(templateBody, values, accountId, region);
        permissions.addAll(needs.permissions());
        onBehalf.addAll(needs.onBehalf());
        if (needs.permissions().stream().anyMatch(permission -> permission.action().equals("iam:PassRole"))) {
            context.put("iam:PassedToService", List.of("sagemaker.amazonaws.com"));
        }
    }

    /** The execution role a SageMaker request hands to the service, which needs {@code iam:PassRole}. */
    private static Optional<String> passedRole(SdkRequest request) {
        return member(request, "RoleArn").or(() -> member(request, "ExecutionRoleArn"));
    }

    /** The request's member {@code name} as text, when it has that member and it is set. */
    private static Optional<String> member(SdkRequest request, String name) {
        return request.getValueForField(name, Object.class).map(Object::toString);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
