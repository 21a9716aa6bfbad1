package io.sluice.sandbox.foundations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

@ExtendWith(LocalAwsExtension.class)
class TemplateStacksTest {
    private static final String ROLE_TEMPLATE = """
            Parameters:
              RoleName: {Type: String}
              MaxSessionDuration: {Type: Number, Default: 3600}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Ref RoleName
                  MaxSessionDuration: !Ref MaxSessionDuration
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
            Outputs:
              RoleArn: {Value: !GetAtt Role.Arn}
            """;

    @Test
    void apply_createsOnceThenChangesNothingThenUpdates(LocalAws localAws) {
        try (var cloudFormation = cloudFormation(localAws)) {
            var created = TemplateStacks.apply(cloudFormation, "roles", ROLE_TEMPLATE, Map.of("RoleName", "First"), Map.of());
            var again = TemplateStacks.apply(cloudFormation, "roles", ROLE_TEMPLATE, Map.of("RoleName", "First"), Map.of());
            var updated = TemplateStacks.apply(cloudFormation, "roles", ROLE_TEMPLATE,
                    Map.of("RoleName", "First", "MaxSessionDuration", "7200"), Map.of());

            assertThat(created.changed()).isTrue();
            assertThat(created.status()).isEqualTo("CREATE_COMPLETE");
            assertThat(created.output("RoleArn")).endsWith(":role/First");
            assertThat(again.changed()).isFalse();
            assertThat(again.output("RoleArn")).endsWith(":role/First");
            assertThat(updated.changed()).isTrue();
            assertThat(updated.status()).isEqualTo("UPDATE_COMPLETE");
            assertThat(updated.output("RoleArn")).endsWith(":role/First");
            assertThat(liveStacks(cloudFormation)).containsExactly("roles");
        }
    }

    private static java.util.List<String> liveStacks(CloudFormationClient cloudFormation) {
        return cloudFormation.listStacks(list -> { }).stackSummaries().stream()
                .filter(summary -> !summary.stackStatusAsString().startsWith("DELETE"))
                .filter(summary -> !summary.stackName().startsWith("sluice-"))
                .map(StackSummary::stackName).toList();
    }

    private static CloudFormationClient cloudFormation(LocalAws localAws) {
        return CloudFormationClient.builder().region(Region.of(LocalAws.REGION)).endpointOverride(localAws.awsEndpoint())
                .credentialsProvider(localAws.credentials("dev")).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
