package io.sluice.starter.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.client.config.ConfigException;
import io.sluice.workflows.deployment.DeploymentSpec;
import io.sluice.workflows.deployment.TestMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {
    private static final String DEPLOY = """
            endpointName: credit-risk
            test: {account: test, executionRoleArn: "arn:aws:iam::100000000005:role/SluiceSageMakerExecution"}
            prod: {account: prod, executionRoleArn: "arn:aws:iam::100000000006:role/SluiceSageMakerExecution"}
            integrationTests:
              mode: %s
            """;

    @Test
    void integrationTestMode_isReadAsItsType_andAnUnknownOneNamesTheFieldAndTheModes(@TempDir Path directory) throws Exception {
        Path local = Files.writeString(directory.resolve("local.yaml"), DEPLOY.formatted("local"));
        Path remote = Files.writeString(directory.resolve("remote.yaml"), DEPLOY.formatted("remote"));

        assertThat(SpecFiles.read(local, DeploymentSpec.class).integrationTests().mode()).isEqualTo(TestMode.local);
        assertThatThrownBy(() -> SpecFiles.read(remote, DeploymentSpec.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("integrationTests.mode is 'remote'; expected one of")
                .hasMessageContaining("sagemaker").hasMessageContaining("local");
    }
}
