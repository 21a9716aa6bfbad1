package io.sluice.activities.aws.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation needs of the caller to create a template's resources: without a service
 * role it acts with the caller's own permissions, so a stack the caller applies is as many calls
 * as its resources. Names are resolved from the request's parameters where the template builds
 * them from {@code Ref} or {@code Sub}; a name CloudFormation generates is {@code *}.
 */
final class StackResourcePermissions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private StackResourcePermissions() {}

    /**
     * What creating the resources of {@code templateBody} needs, with {@code parameters} applied:
     * the caller's permissions, and what a model then does as its execution role.
     */
    record Needs(List<IamPermission> permissions, List<OnBehalf> onBehalf) {}

    static Needs needs(String templateBody, Map<String, String> given, String accountId, String region) {
        JsonNode template;
        try {
            template = YAML.readTree(templateBody);
        } catch (IOException notYaml) {
            throw new IllegalArgumentException("the template body is neither YAML nor JSON: " + notYaml.getMessage(), notYaml);
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        template.path("Parameters").fields().forEachRemaining(parameter ->
                parameters.put(parameter.getKey(), parameter.getValue().path("Default").asText("")));
        parameters.put("AWS::AccountId", accountId);
        parameters.put("AWS::Region", region);
        parameters.put("AWS::Partition", "aws");
        parameters.putAll(given);
        String sageMaker = "arn:aws:sagemaker:" + region + ":" + accountId + ":";
        List<IamPermission> permissions = new ArrayList<>();
        List<OnBehalf> onBehalf = new ArrayList<>();
        for (JsonNode resource : template.path("Resources")) {
            JsonNode properties = resource.path("Properties");
            String created = switch (resource.path("Type").asText()) {
                case "AWS::SageMaker::Model" -> {
                    String role = resolve(properties.path("ExecutionRoleArn"), parameters);
                    if (!role.isEmpty()) {
                        permissions.add(new IamPermission("iam:PassRole", role));
                    }
                    String modelPackage = resolve(inEitherBranch(properties.path("PrimaryContainer"), "ModelPackageName"), parameters);
                    if (modelPackage.startsWith("arn:")) {
                        permissions.add(new IamPermission("sagemaker:DescribeModelPackage", modelPackage));
                    }
                    String image = resolve(inEitherBranch(properties.path("PrimaryContainer"), "Image"), parameters);
                    String modelData = resolve(inEitherBranch(properties.path("PrimaryContainer"), "ModelDataUrl"), parameters);
                    if (!role.isEmpty() && modelPackage.isEmpty() && !image.isEmpty()) {
                        onBehalf.addAll(OnBehalfPermissions.model(role, image, modelData));
                    }
                    yield add(permissions, "sagemaker:CreateModel", sageMaker + "model/" + name(properties.path("ModelName"), parameters));
                }
                case "AWS::SageMaker::EndpointConfig" -> add(permissions, "sagemaker:CreateEndpointConfig",
                        sageMaker + "endpoint-config/" + name(properties.path("EndpointConfigName"), parameters));
                case "AWS::SageMaker::Endpoint" -> add(permissions, "sagemaker:CreateEndpoint",
                        sageMaker + "endpoint/" + name(properties.path("EndpointName"), parameters));
                default -> "";
            };
            if (!created.isEmpty() && properties.has("Tags")) {
                permissions.add(new IamPermission("sagemaker:AddTags", created));
            }
        }
        return new Needs(permissions, onBehalf);
    }

    private static String add(List<IamPermission> permissions, String action, String resourceArn) {
        permissions.add(new IamPermission(action, resourceArn));
        return resourceArn;
    }

    /** {@code field} of {@code node}, or of the first branch of an {@code !If} that has it. */
    private static JsonNode inEitherBranch(JsonNode node, String field) {
        if (node.has(field)) {
            return node.get(field);
        }
        JsonNode branches = node.has("Fn::If") ? node.get("Fn::If") : node;
        if (branches.isArray() && branches.size() == 3) {
            return branches.get(1).has(field) ? branches.get(1).get(field) : branches.get(2).path(field);
        }
        return node.path(field);
    }

    private static String name(JsonNode property, Map<String, String> parameters) {
        String name = resolve(property, parameters);
        return name.isEmpty() ? "*" : name.toLowerCase(Locale.ROOT);
    }

    /**
     * A property's value: a literal, a parameter it refers to ({@code !Ref} reads as the bare name
     * once YAML tags are dropped), or a {@code !Sub} string with parameters put in; else empty.
     */
    private static String resolve(JsonNode property, Map<String, String> parameters) {
        if (property.isObject() && property.has("Ref")) {
            return parameters.getOrDefault(property.get("Ref").asText(), "");
        }
        if (property.isObject() && property.has("Fn::Sub")) {
            return substitute(property.get("Fn::Sub").asText(), parameters);
        }
        if (!property.isTextual()) {
            return "";
        }
        String text = property.asText();
        if (parameters.containsKey(text)) {
            return parameters.get(text);
        }
        return text.contains("${") ? substitute(text, parameters) : text;
    }

    private static String substitute(String text, Map<String, String> parameters) {
        Matcher matcher = SUBSTITUTION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                return "";
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
