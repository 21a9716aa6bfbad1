package io.sluice.starter.aws;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.client.config.ConfigFiles;
import io.sluice.sandbox.ConfigFixtures;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.starter.CliRun;
import io.sluice.workers.ActivitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.DataLakeSettings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice aws check --config}: the preflight of an estate, against the local stack's roles
 * (made by the deploy/aws templates), with IAM's simulation answered as AWS would answer it.
 */
@ExtendWith(LocalAwsExtension.class)
class AwsPreflightTest {
    private static final String TEST_WORKER = "arn:aws:iam::100000000005:role/SluiceWorker";

    private AwsInterposer interposer;
    private IamPolicyEvaluator evaluator;
    private AwsClients clients;
    private LocalPolicies policies;
    private Path config;
    private DataLakeSettings governanceSettings;

    @BeforeEach
    void start(LocalAws localAws, @TempDir Path directory) throws Exception {
        interposer = AwsInterposer.start(localAws.awsEndpoint());
        config = directory.resolve("sluice.yaml");
        Files.writeString(config, ConfigFixtures.localConfig(localAws, "127.0.0.1:1", interposer.endpoint().toString()));
        clients = AwsClients.create(ActivitySettings.aws(ConfigFiles.read(config)));
        policies = new LocalPolicies(clients, localAws);
        evaluator = IamPolicyEvaluator.start();
        interposer.when(request -> request.is("iam", "SimulatePrincipalPolicy")).answer(new SimulatedIam(evaluator, policies));
        governanceSettings = lakeFormation().getDataLakeSettings(get -> get.catalogId("100000000001")).dataLakeSettings();
    }

    @AfterEach
    void stop() {
        lakeFormation().putDataLakeSettings(put -> put.catalogId("100000000001").dataLakeSettings(governanceSettings));
        clients.close();
        policies.close();
        evaluator.close();
        interposer.close();
    }

    @Test
    void preflight_whenTheTemplatesGrantEverythingListed_exitsZero(@TempDir Path directory) throws Exception {
        makeGovernanceWorkerAdmin();
        Path required = requiredPermissions(directory, Map.of(
                "sagemaker:CreateEndpointConfig", Set.of("arn:aws:sagemaker:us-east-1:100000000005:endpoint-config/*"),
                "iam:PassRole", Set.of("arn:aws:iam::100000000005:role/SluiceSageMakerExecution")));

        CliRun run = CliRun.of("aws", "check", "--config", config.toString(), "--required-permissions", required.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("test  " + TEST_WORKER + ": 2 permission(s) simulated, 0 denied")
                .contains("2 permissions simulated by AWS: 0 denied by the estate's policies, 0 Lake Formation administrator(s) missing");
        assertThat(interposer.requests()).filteredOn(request -> request.is("iam", "SimulatePrincipalPolicy")).hasSize(2);
    }

    @Test
    void preflight_ofTheArtifactKeysPattern_simulatesTheKeyThatEncryptsTheSharedBucketWithItsKeyPolicy(LocalAws localAws,
            @TempDir Path directory) throws Exception {
        makeGovernanceWorkerAdmin();
        String execution = "arn:aws:iam::100000000005:role/SluiceSageMakerExecution";
        String bucket = localAws.account("shared").artifactBucket();
        String key = clients.client("shared", io.sluice.activities.aws.AwsServices.S3).getBucketEncryption(get -> get.bucket(bucket))
                .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID();
        Path required = requiredPermissions(directory, execution, Map.of(
                "s3:GetObject", Set.of("arn:aws:s3:::" + bucket + "/models/*"),
                "kms:Decrypt", Set.of("arn:aws:kms:us-east-1:100000000004:key/*")));

        CliRun run = CliRun.of("aws", "check", "--config", config.toString(), "--required-permissions", required.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("test  " + execution + ": 2 permission(s) simulated, 0 denied");
        assertThat(interposer.requests()).filteredOn(request -> request.is("iam", "SimulatePrincipalPolicy")
                && request.parameter("ActionNames.member.1").equals("kms:Decrypt")).singleElement()
                .satisfies(request -> {
                    assertThat(request.parameter("ResourceArns.member.1")).isEqualTo(key);
                    assertThat(request.parameter("ResourcePolicy")).contains("TestAndProdDecryptThroughS3");
                });
    }

    @Test
    void preflight_withAnActionNoPolicyGrants_exitsOneNamingTheRoleActionAndResource(@TempDir Path directory) throws Exception {
        makeGovernanceWorkerAdmin();
        Path required = requiredPermissions(directory, Map.of(
                "sagemaker:CreateEndpointConfig", Set.of("arn:aws:sagemaker:us-east-1:100000000005:endpoint-config/*"),
                "sagemaker:DeleteModelPackageGroup", Set.of("arn:aws:sagemaker:us-east-1:100000000005:model-package-group/credit-risk")));

        CliRun run = CliRun.of("aws", "check", "--config", config.toString(), "--required-permissions", required.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("test  " + TEST_WORKER + ": 2 permission(s) simulated, 1 denied")
                .contains("  denied     sagemaker:DeleteModelPackageGroup on "
                        + "arn:aws:sagemaker:us-east-1:100000000005:model-package-group/credit-risk: implicitDeny");
        assertThat(run.err()).contains("aws check: 1 denied");
    }

    @Test
    void preflight_whenTheGovernanceWorkerIsNoDataLakeAdministrator_exitsOneSayingSo(@TempDir Path directory) throws Exception {
        lakeFormation().putDataLakeSettings(put -> put.catalogId("100000000001").dataLakeSettings(DataLakeSettings.builder()
                .dataLakeAdmins(List.of()).build()));
        Path required = requiredPermissions(directory, Map.of(
                "sagemaker:CreateEndpointConfig", Set.of("arn:aws:sagemaker:us-east-1:100000000005:endpoint-config/*")));

        CliRun run = CliRun.of("aws", "check", "--config", config.toString(), "--required-permissions", required.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("governance arn:aws:iam::100000000001:role/SluiceWorker is not a Lake Formation data lake "
                + "administrator of account 100000000001").contains("1 Lake Formation administrator(s) missing");
    }

    @Test
    void preflight_withAFileThatIsNotARequiredPermissionsFile_exitsTwoNamingIt(@TempDir Path directory) throws Exception {
        Path required = Files.writeString(directory.resolve("required.json"), "[1, 2]");

        CliRun run = CliRun.of("aws", "check", "--config", config.toString(), "--required-permissions", required.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(required.toString()).contains("is not a required-permissions file");
    }

    private void makeGovernanceWorkerAdmin() {
        lakeFormation().putDataLakeSettings(put -> put.catalogId("100000000001").dataLakeSettings(governanceSettings.toBuilder()
                .dataLakeAdmins(DataLakePrincipal.builder().dataLakePrincipalIdentifier("arn:aws:iam::100000000001:role/SluiceWorker")
                        .build()).build()));
    }

    private software.amazon.awssdk.services.lakeformation.LakeFormationClient lakeFormation() {
        return clients.client("governance", AwsServices.LAKE_FORMATION);
    }

    private static Path requiredPermissions(Path directory, Map<String, Set<String>> testWorkerActions) throws Exception {
        return requiredPermissions(directory, TEST_WORKER, testWorkerActions);
    }

    private static Path requiredPermissions(Path directory, String testRole, Map<String, Set<String>> actions) throws Exception {
        Path file = directory.resolve("required-permissions.json");
        new RequiredPermissions(Map.of("governance", "100000000001", "test", "100000000005", "shared", "100000000004"),
                Map.of(testRole, new RequiredPermissions.Role("test", actions))).write(file);
        return file;
    }
}
