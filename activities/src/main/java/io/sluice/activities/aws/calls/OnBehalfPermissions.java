package io.sluice.activities.aws.calls;

import io.sluice.workflows.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * What AWS does as the role a SageMaker call hands over: a processing or training job, or a
 * model, pulls its images from ECR and reads and writes S3 as its execution role, so that role
 * needs those permissions, not the caller.
 */
final class OnBehalfPermissions {
    private static final Pattern ECR_IMAGE = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+).*");
    private static final List<String> PULL_ACTIONS =
            List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");

    private static final List<String> ATHENA_ACTIONS =
            List.of("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults");

    private OnBehalfPermissions() {}

    static List<OnBehalf> of(String operation, SdkRequest request, String accountId, String region) {
        return switch (operation) {
            case "CreateProcessingJob" -> {
                List<OnBehalf> job = one(request, "RoleArn", values(request, "AppSpecification.ImageUri"),
                        values(request, "ProcessingInputs.S3Input.S3Uri"), values(request, "ProcessingOutputConfig.Outputs.S3Output.S3Uri"));
                yield job.isEmpty() ? job : List.of(withAthenaQueries(job.get(0), request, accountId, region));
            }
            case "CreateTrainingJob" -> one(request, "RoleArn", values(request, "AlgorithmSpecification.TrainingImage"),
                    values(request, "InputDataConfig.DataSource.S3DataSource.S3Uri"), values(request, "OutputDataConfig.S3OutputPath"));
            case "CreateModel" -> {
                List<String> images = new ArrayList<>(values(request, "PrimaryContainer.Image"));
                images.addAll(values(request, "Containers.Image"));
                List<String> data = new ArrayList<>(values(request, "PrimaryContainer.ModelDataUrl"));
                data.addAll(values(request, "Containers.ModelDataUrl"));
                yield one(request, "ExecutionRoleArn", images, data, List.of());
            }
            default -> List.of();
        };
    }

    /**
     * {@code job} with what SageMaker does for each Athena dataset input, as the job's role: runs
     * the query in its work group (Athena's default, {@code primary}, when none is named), reads the
     * database's tables from the Glue catalog through Lake Formation, and writes the result under
     * the input's output URI before reading it back.
     */
    private static OnBehalf withAthenaQueries(OnBehalf job, SdkRequest request, String accountId, String region) {
        String definitions = "ProcessingInputs.DatasetDefinition.AthenaDatasetDefinition.";
        List<String> queries = values(request, definitions + "QueryString");
        if (queries.isEmpty()) {
            return job;
        }
        List<IamPermission> permissions = new ArrayList<>(job.permissions());
        List<String> workGroups = values(request, definitions + "WorkGroup");
        if (workGroups.size() < queries.size()) {
            workGroups = new ArrayList<>(workGroups);
            workGroups.add("primary");
        }
        for (String workGroup : new java.util.TreeSet<>(workGroups)) {
            String arn = "arn:aws:athena:" + region + ":" + accountId + ":workgroup/" + workGroup;
            ATHENA_ACTIONS.forEach(action -> permissions.add(new IamPermission(action, arn)));
        }
        String catalog = "arn:aws:glue:" + region + ":" + accountId + ":";
        for (String database : new java.util.TreeSet<>(values(request, definitions + "Database"))) {
            List<String> databaseResources = List.of(catalog + "catalog", catalog + "database/" + database);
            databaseResources.forEach(resource -> permissions.add(new IamPermission("glue:GetDatabase", resource)));
            List<String> tableResources = new ArrayList<>(databaseResources);
            tableResources.add(catalog + "table/" + database + "/*");
            for (String action : List.of("glue:GetTable", "glue:GetPartitions")) {
                tableResources.forEach(resource -> permissions.add(new IamPermission(action, resource)));
            }
        }
        permissions.add(new IamPermission("lakeformation:GetDataAccess", "*"));
        for (String uri : values(request, definitions + "OutputS3Uri")) {
            s3(uri.endsWith("/") ? uri : uri + "/").ifPresent(arn -> {
                permissions.add(new IamPermission("s3:PutObject", arn));
                permissions.add(new IamPermission("s3:GetObject", arn));
            });
        }
        return new OnBehalf(job.principalArn(), permissions, job.context());
    }

    /** What a model does as {@code role}: pull {@code image}, read {@code modelData} (may be empty). */
    static List<OnBehalf> model(String role, String image, String modelData) {
        return forRole(role, List.of(image), modelData.isEmpty() ? List.of() : List.of(modelData), List.of());
    }

    private static List<OnBehalf> one(SdkRequest request, String roleMember, List<String> images, List<String> reads,
            List<String> writes) {
        List<String> roles = values(request, roleMember);
        return roles.isEmpty() ? List.of() : forRole(roles.get(0), images, reads, writes);
    }

    private static List<OnBehalf> forRole(String role, List<String> images, List<String> reads, List<String> writes) {
        List<IamPermission> permissions = new ArrayList<>();
        if (!images.isEmpty()) {
            permissions.add(new IamPermission("ecr:GetAuthorizationToken", "*"));
        }
        for (String image : images) {
            Matcher ecr = ECR_IMAGE.matcher(image);
            if (ecr.matches()) {
                String repository = "arn:aws:ecr:" + ecr.group(2) + ":" + ecr.group(1) + ":repository/" + ecr.group(3);
                PULL_ACTIONS.forEach(action -> permissions.add(new IamPermission(action, repository)));
            }
        }
        reads.forEach(uri -> s3(uri).ifPresent(arn -> permissions.add(new IamPermission("s3:GetObject", arn))));
        writes.forEach(uri -> s3(uri.endsWith("/") ? uri : uri + "/").ifPresent(arn -> permissions.add(new IamPermission("s3:PutObject", arn))));
        return List.of(new OnBehalf(role, permissions, Map.of()));
    }

    /** The object (or, for a prefix ending in a slash, the objects under it) an S3 URI names, as an ARN; outputs are prefixes. */
    private static java.util.Optional<String> s3(String uri) {
        if (!S3Uri.isS3Uri(uri)) {
            return java.util.Optional.empty();
        }
        S3Uri location = S3Uri.parse(uri);
        String key = location.key();
        return java.util.Optional.of("arn:aws:s3:::" + location.bucket() + "/" + key + (key.isEmpty() || key.endsWith("/") ? "*" : ""));
    }

    /** Every text value at {@code path} (member names joined by dots), through nested structures and lists. */
    static List<String> values(Object node, String path) {
        List<String> found = new ArrayList<>();
        collect(node, path.split("\\."), 0, found);
        return found;
    }

    private static void collect(Object node, String[] path, int depth, List<String> found) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            list.forEach(element -> collect(element, path, depth, found));
            return;
        }
        if (depth == path.length) {
            found.add(node.toString());
            return;
        }
        if (!(node instanceof SdkPojo pojo)) {
            return;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equals(path[depth])) {
                collect(field.getValueOrDefault(pojo), path, depth + 1, found);
            }
        }
    }
}
