package io.sluice.activities.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** Every template of deploy/aws creates on the local stack with the sample parameters, each in its account. */
@ExtendWith(LocalAwsExtension.class)
class AccountTemplatesTest {
    static final Path TEMPLATES = Path.of("..", "deploy", "aws");
    static final Map<String, String> ACCOUNT_OF_TEMPLATE = Map.of(
            "shared-services.yaml", "shared", "ecr-repository.yaml", "shared", "sagemaker-execution-role.yaml", "dev",
            "endpoint.yaml", "test");

    @Test
    void everyTemplate_createsInItsAccount(LocalAws localAws) throws Exception {
        JsonNode samples = new ObjectMapper().readTree(TEMPLATES.resolve("sample-parameters.json").toFile());
        List<String> created = new ArrayList<>();
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            for (var template : (Iterable<Map.Entry<String, JsonNode>>) samples::fields) {
                String body = Files.readString(TEMPLATES.resolve(template.getKey()));
                if (template.getKey().equals("account-role.yaml")) {
                    for (var kind : (Iterable<Map.Entry<String, JsonNode>>) template.getValue()::fields) {
                        created.add(create(clients, kind.getKey(), "sample-account-role", body, kind.getValue()));
                    }
                } else {
                    String account = ACCOUNT_OF_TEMPLATE.get(template.getKey());
                    created.add(create(clients, account, "sample-" + template.getKey().replace(".yaml", ""), body, template.getValue()));
                }
            }
        }
        assertThat(created).hasSize(10).allSatisfy(status -> assertThat(status).endsWith("CREATE_COMPLETE"));
    }

    /**
     * The local stack's accounts are already set up by these templates under the sample names and
     * the stack names bootstrap uses, so the stacks and what they make get names of their own here.
     */
    private static String create(AwsClients clients, String account, String stackName, String body, JsonNode parameters) {
        CloudFormationClient cloudFormation = clients.client(account, AwsServices.CLOUDFORMATION);
        List<Parameter> values = new ArrayList<>();
        parameters.forEach(parameter -> {
            String key = parameter.get("ParameterKey").asText();
            if (!key.equals("RoleName") && !key.equals("ArtifactBucketName")) {
                values.add(Parameter.builder().parameterKey(parameter.get("ParameterKey").asText())
                        .parameterValue(parameter.get("ParameterValue").asText()).build());
            }
        });
        if (body.contains("\n  RoleName:")) {
            values.add(Parameter.builder().parameterKey("RoleName").parameterValue("FromTemplate" + Math.abs(stackName.hashCode())).build());
        }
        if (body.contains("\n  CrawlerRoleName:")) {
            values.add(Parameter.builder().parameterKey("CrawlerRoleName").parameterValue("CrawlerFromTemplate" + Math.abs(stackName.hashCode())).build());
        }
        if (body.contains("\n  ArtifactBucketName:")) {
            values.add(Parameter.builder().parameterKey("ArtifactBucketName").parameterValue("sluice-template-" + account).build());
        }
        cloudFormation.createStack(create -> create.stackName(stackName).templateBody(body).parameters(values)
                .capabilitiesWithStrings("CAPABILITY_NAMED_IAM"));
        Stack stack = cloudFormation.describeStacks(describe -> describe.stackName(stackName)).stacks().get(0);
        return account + " " + stackName + " " + stack.stackStatusAsString();
    }
}
