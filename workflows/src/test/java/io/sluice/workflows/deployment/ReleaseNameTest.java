package io.sluice.workflows.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model and endpoint configuration of a stage are named per release: CloudFormation replaces
 * them on any change and refuses to do so under the name they already have.
 */
class ReleaseNameTest {
    static final String PACKAGE_1 = "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1";
    static final String PACKAGE_2 = "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/2";
    static final Map<String, String> PARAMETERS = Map.of("ModelPackageArn", PACKAGE_1, "InstanceType", "ml.m5.large",
            "ExecutionRoleArn", "arn:aws:iam::100000000005:role/SluiceSageMakerExecution");

    @Test
    void sameDeployment_sameName_readableWithTheStageAndPackageVersion() {
        String name = DeployModelWorkflowImpl.releaseName("credit-risk", "test", PACKAGE_1, PARAMETERS);

        assertThat(name).matches("credit-risk-test-v1-[0-9a-f]{8}");
        assertThat(DeployModelWorkflowImpl.releaseName("credit-risk", "test", PACKAGE_1, Map.copyOf(PARAMETERS))).isEqualTo(name);
    }

    @Test
    void anotherPackage_orAnyOtherParameter_namesNewOnes() {
        String first = DeployModelWorkflowImpl.releaseName("credit-risk", "test", PACKAGE_1, PARAMETERS);
        var otherPackage = new java.util.HashMap<>(PARAMETERS);
        otherPackage.put("ModelPackageArn", PACKAGE_2);
        var otherInstance = new java.util.HashMap<>(PARAMETERS);
        otherInstance.put("InstanceType", "ml.c5.xlarge");

        assertThat(DeployModelWorkflowImpl.releaseName("credit-risk", "test", PACKAGE_2, otherPackage))
                .startsWith("credit-risk-test-v2-").isNotEqualTo(first);
        assertThat(DeployModelWorkflowImpl.releaseName("credit-risk", "test", PACKAGE_1, otherInstance))
                .startsWith("credit-risk-test-v1-").isNotEqualTo(first);
    }

    @Test
    void aLongEndpointName_fitsSageMakersLimitAndKeepsTheVersion() {
        String endpoint = "a".repeat(51);

        String name = DeployModelWorkflowImpl.releaseName(endpoint, "prod", PACKAGE_2, PARAMETERS);

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("a+-[0-9a-f]{8}-v2-[0-9a-f]{8}")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    }
}
