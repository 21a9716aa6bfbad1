package io.sluice.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.IamPermission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.s3.model.Bucket;

@ExtendWith(LocalAwsExtension.class)
class AwsClientsTest {

    @Test
    void client_actsAsEachAccountsRoleSoAccountsSeeOnlyTheirOwnResources(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            clients.client("dev", AwsServices.ECR).createRepository(request -> request.repositoryName("credit-risk"));

            assertThat(clients.client("dev", AwsServices.ECR).describeRepositories().repositories())
                    .extracting(Repository::registryId, Repository::repositoryName)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(localAws.account("dev").id(), "credit-risk"));
            assertThat(clients.client("shared", AwsServices.ECR).describeRepositories().repositories()).isEmpty();
        }
    }

    @Test
    void client_isBuiltOncePerAccountAndService(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var devS3 = clients.client("dev", AwsServices.S3);

            assertThat(clients.client("dev", AwsServices.S3)).isSameAs(devS3);
            assertThat(clients.client("shared", AwsServices.S3)).isNotSameAs(devS3);
            assertThat(devS3.listBuckets().buckets()).extracting(Bucket::name)
                    .contains(localAws.account("dev").artifactBucket());
        }
    }

    @Test
    void client_withACallListener_tellsItOfEachCallOnceWithTheAccountsRoleAndPermissions(LocalAws localAws) {
        List<AwsCall> calls = new CopyOnWriteArrayList<>();
        var settings = LocalAwsSettings.of(localAws);
        try (var clients = AwsClients.create(settings, calls::add)) {
            String bucket = localAws.account("dev").artifactBucket();
            clients.client("dev", AwsServices.S3).putObject(put -> put.bucket(bucket).key("a/b.txt"), RequestBody.fromString("x"));
            clients.client("shared", AwsServices.ECR).describeRepositories();
        }

        assertThat(calls).extracting(AwsCall::account, AwsCall::principalArn, AwsCall::operation, AwsCall::permissions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dev", settings.account("dev").roleArn(), "PutObject",
                                List.of(new IamPermission("s3:PutObject", "arn:aws:s3:::" + localAws.account("dev").artifactBucket() + "/a/b.txt"))),
                        org.assertj.core.groups.Tuple.tuple("shared", settings.account("shared").roleArn(), "DescribeRepositories",
                                List.of(new IamPermission("ecr:DescribeRepositories", "*"))));
    }

    @Test
    void workerClients_withACallLog_appendEachCallAsALineOfJsonAndOtherClientsDoNot(LocalAws localAws, @TempDir Path directory) throws Exception {
        var local = LocalAwsSettings.of(localAws);
        Path log = directory.resolve("aws-calls.jsonl");
        var settings = new AwsSettings(local.region(), local.accounts(), local.apiCallTimeout(), local.apiCallAttemptTimeout(),
                local.endpointOverride(), log.toString());
        try (var plain = AwsClients.create(settings)) {
            plain.client("dev", AwsServices.S3).listBuckets();
        }
        try (var clients = AwsClients.forWorker(settings, io.sluice.activities.aws.calls.AwsCallListener.NONE)) {
            clients.client("dev", AwsServices.S3).listBuckets();
            clients.client("test", AwsServices.CLOUDFORMATION).listStacks();
        }

        var lines = java.nio.file.Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        var first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("account").asText()).isEqualTo("dev");
        assertThat(first.get("principal").asText()).isEqualTo(settings.account("dev").roleArn());
        assertThat(first.get("operation").asText()).isEqualTo("ListBuckets");
        assertThat(first.get("permissions").get(0).get("action").asText()).isEqualTo("s3:ListAllMyBuckets");
        assertThat(lines.get(1)).contains("\"operation\":\"ListStacks\"").contains("\"cloudformation:ListStacks\"");
    }

    @Test
    void client_refusesAnUnknownAliasNamingTheKnownOnes(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            assertThatThrownBy(() -> clients.client("staging", AwsServices.S3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no account with alias 'staging' in config; accounts are [dev, dev2, governance, prod, producer, shared, test]");
        }
    }

    @Test
    void close_makesFurtherClientsUnavailable(LocalAws localAws) {
        var clients = AwsClients.create(LocalAwsSettings.of(localAws));
        clients.client("dev", AwsServices.S3);

        clients.close();

        assertThatThrownBy(() -> clients.client("dev", AwsServices.S3))
                .isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class, failure -> {
                    assertThat(failure.getOriginalMessage()).isEqualTo("AWS clients are closed: the worker is stopping");
                    assertThat(failure.isNonRetryable()).isFalse();
                });
    }
}
