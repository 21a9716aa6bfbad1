package io.sluice.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

@ExtendWith(LocalAwsExtension.class)
class AwsFailuresTest {

    @Test
    void classify_missingObjectOnMotoIsNotFoundAndNotRetried(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            String bucket = localAws.account("dev").artifactBucket();
            var exception = catchThrowableOfType(SdkException.class,
                    () -> clients.client("dev", AwsServices.S3).getObject(r -> r.bucket(bucket).key("models/absent.tar.gz")));

            ApplicationFailure failure = AwsFailures.classify(exception, operation(clients, "dev", "s3", "GetObject",
                    "s3://" + bucket + "/models/absent.tar.gz"), 1);

            assertThat(failure.getType()).isEqualTo("sluice.NotFound");
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage())
                    .startsWith("s3 GetObject on s3://" + bucket + "/models/absent.tar.gz in account dev (100000000003) failed: NoSuchKey")
                    .contains("Check that s3://" + bucket + "/models/absent.tar.gz exists in account dev (100000000003)");
        }
    }

    @Test
    void classify_aReadConditionalOnAnEtagTheObjectNoLongerHasIsRetried(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            String bucket = localAws.account("dev").artifactBucket();
            var s3 = clients.client("dev", AwsServices.S3);
            s3.putObject(r -> r.bucket(bucket).key("build/part-00000.csv"), RequestBody.fromString("label,age\n1,30\n"));
            var exception = catchThrowableOfType(SdkException.class, () -> s3.getObjectAsBytes(r -> r.bucket(bucket)
                    .key("build/part-00000.csv").ifMatch("\"0123456789abcdef0123456789abcdef\"")));

            ApplicationFailure failure = AwsFailures.classify(exception, operation(clients, "dev", "s3", "GetObject",
                    "s3://" + bucket + "/build/part-00000.csv"), 1);

            assertThat(failure.getType()).isEqualTo("sluice.ConcurrentModification");
            assertThat(failure.isNonRetryable()).isFalse();
            assertThat(failure.getOriginalMessage()).contains("(HTTP 412)").contains("The resource changed since Sluice read it");
        }
    }

    @Test
    void classify_missingRepositoryOnMotoIsNotFound(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var exception = catchThrowableOfType(SdkException.class, () -> clients.client("shared", AwsServices.ECR)
                    .describeImages(r -> r.repositoryName("absent")));

            ApplicationFailure failure = AwsFailures.classify(exception,
                    operation(clients, "shared", "ecr", "DescribeImages", "repository absent"), 1);

            assertThat(failure.getType()).isEqualTo("sluice.NotFound");
            assertThat(failure.getOriginalMessage()).contains("RepositoryNotFoundException");
        }
    }

    @Test
    void classify_invalidRepositoryNameOnMotoIsAnInvalidRequest(LocalAws localAws) {
        try (var clients = AwsClients.create(LocalAwsSettings.of(localAws))) {
            var exception = catchThrowableOfType(SdkException.class, () -> clients.client("shared", AwsServices.ECR)
                    .createRepository(r -> r.repositoryName("Credit Risk")));

            ApplicationFailure failure = AwsFailures.classify(exception,
                    operation(clients, "shared", "ecr", "CreateRepository", "repository 'Credit Risk'"), 1);

            assertThat(failure.getType()).isEqualTo("sluice.InvalidRequest");
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage()).contains("InvalidParameterException (HTTP 400)");
        }
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {3}")
    @CsvSource({
        "400, ThrottlingException, Rate exceeded, sluice.Throttled",
        "503, ServiceUnavailableException, try later, sluice.AwsUnavailable",
        "400, ConcurrentModificationException, busy, sluice.ConcurrentModification"})
    void classify_transientRepliesAreRetryable(int status, String errorType, String message, String failureType,
            LocalAws localAws) throws IOException {
        ApplicationFailure failure = classifyReply(localAws, status, errorType, message, 1);

        assertThat(failure.getType()).isEqualTo(failureType);
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).contains(errorType + " (HTTP " + status + "): " + message);
    }

    @Test
    void classify_accessDeniedIsRetriedWhileIamMayPropagateThenNamesTheRole(LocalAws localAws) throws IOException {
        String message = "not authorized to perform ecr:DescribeRepositories";

        ApplicationFailure early = classifyReply(localAws, 400, "AccessDeniedException", message, 1);
        ApplicationFailure late = classifyReply(localAws, 400, "AccessDeniedException", message,
                AwsFailures.ACCESS_DENIED_RETRY_ATTEMPTS + 1);

        assertThat(early.getType()).isEqualTo("sluice.AccessDeniedPropagating");
        assertThat(early.isNonRetryable()).isFalse();
        assertThat(late.getType()).isEqualTo("sluice.AccessDenied");
        assertThat(late.isNonRetryable()).isTrue();
        assertThat(late.getOriginalMessage())
                .contains("Check that role arn:aws:iam::100000000003:role/SluiceWorker allows ecr:DescribeRepositories");
    }

    @Test
    void classifyHttp_mapsARegistrysAnswersAsAwsAnswersAreMapped() {
        assertThat(http(503, true, 1).getType()).isEqualTo("sluice.AwsUnavailable");
        assertThat(http(0, true, 1).isNonRetryable()).as("no answer").isFalse();
        assertThat(http(429, true, 1).getType()).isEqualTo("sluice.Throttled");
        assertThat(http(403, false, 1).getType()).isEqualTo("sluice.AccessDeniedPropagating");
        assertThat(http(401, false, AwsFailures.ACCESS_DENIED_RETRY_ATTEMPTS + 1).getType()).isEqualTo("sluice.AccessDenied");
        assertThat(http(401, false, AwsFailures.ACCESS_DENIED_RETRY_ATTEMPTS + 1).isNonRetryable()).isTrue();
        assertThat(http(404, false, 1).getType()).isEqualTo("sluice.NotFound");
        assertThat(http(404, false, 1).isNonRetryable()).isTrue();
        assertThat(http(400, false, 1).getType()).isEqualTo("sluice.InvalidRequest");
        assertThat(http(400, false, 1).getOriginalMessage())
                .isEqualTo("copying a:1 to b:1: GET manifest 1 of repository 'a' at registry r failed: HTTP " + 400);
    }

    private static ApplicationFailure http(int status, boolean transientFailure, int attempt) {
        return AwsFailures.classifyHttp("copying a:1 to b:1", status, transientFailure,
                "GET manifest 1 of repository 'a' at registry r failed: HTTP " + status, attempt, null);
    }

    @Test
    void classify_couldNotAssumeRoleIsRetriedWhileTheRoleMayPropagateThenNamesItsTrustPolicy(LocalAws localAws) {
        String role = "arn:aws:iam::100000000003:role/SluiceSageMakerExecution";
        try (var interposer = AwsInterposer.start(localAws.awsEndpoint());
                var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, interposer.endpoint().toString()))) {
            interposer.when(request -> request.is("sagemaker", "CreateModel")).answer(AwsReply.jsonError(400,
                    "ValidationException", "Message", "Could not assume role " + role
                            + ". Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role."));
            var exception = catchThrowableOfType(SdkException.class, () -> clients.client("dev", AwsServices.SAGEMAKER)
                    .createModel(create -> create.modelName("credit-risk").executionRoleArn(role)
                            .primaryContainer(container -> container.image("100000000003.dkr.ecr.us-east-1.amazonaws.com/m:1"))));
            var operation = operation(clients, "dev", "sagemaker", "CreateModel", "model credit-risk");

            ApplicationFailure early = AwsFailures.classify(exception, operation, 1);
            ApplicationFailure late = AwsFailures.classify(exception, operation, AwsFailures.ACCESS_DENIED_RETRY_ATTEMPTS + 1);

            assertThat(early.getType()).isEqualTo("sluice.AccessDeniedPropagating");
            assertThat(early.isNonRetryable()).isFalse();
            assertThat(late.getType()).isEqualTo("sluice.AccessDenied");
            assertThat(late.isNonRetryable()).isTrue();
            assertThat(late.getOriginalMessage()).endsWith("Check that role " + role
                    + " exists and that its trust policy lets sagemaker.amazonaws.com assume it.");
        }
    }

    /** What an ECR call in the dev account classifies as when the service answers with this error, at {@code attempt}. */
    private static ApplicationFailure classifyReply(LocalAws localAws, int status, String errorType, String message, int attempt)
            throws IOException {
        try (var server = new StubAwsServer(status, "application/x-amz-json-1.1",
                "{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}");
                var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, server.endpoint()))) {
            var exception = catchThrowableOfType(SdkException.class,
                    () -> clients.client("dev", AwsServices.ECR).describeRepositories());
            return AwsFailures.classify(exception, operation(clients, "dev", "ecr", "DescribeRepositories", "registry"), attempt);
        }
    }

    @Test
    void classify_unreachableEndpointIsRetryable(LocalAws localAws) {
        String closedPort = "http://127.0.0.1:" + FreePort.any();
        try (var clients = AwsClients.create(LocalAwsSettings.forEndpoint(localAws, closedPort))) {
            var exception = catchThrowableOfType(SdkException.class,
                    () -> clients.client("dev", AwsServices.ECR).describeRepositories());

            ApplicationFailure failure = AwsFailures.classify(exception,
                    operation(clients, "dev", "ecr", "DescribeRepositories", "registry"), 1);

            assertThat(failure.getType()).isEqualTo("sluice.AwsUnavailable");
            assertThat(failure.isNonRetryable()).isFalse();
        }
    }

    private static AwsOperation operation(AwsClients clients, String alias, String service, String action, String resource) {
        return new AwsOperation(clients.account(alias), service, action, resource);
    }

    /**
     * Answers every service request with one canned AWS error. {@code AssumeRole} gets canned
     * credentials, since the clients assume the account's role before calling the service.
     */
    private static final class StubAwsServer implements AutoCloseable {
        private static final String ASSUME_ROLE_RESPONSE = """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                <Credentials><AccessKeyId>ASIASTUB</AccessKeyId><SecretAccessKey>stub</SecretAccessKey>
                <SessionToken>stub</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                <AssumedRoleUser><Arn>arn:aws:sts::100000000003:assumed-role/SluiceWorker/stub</Arn>
                <AssumedRoleId>AROASTUB:stub</AssumedRoleId></AssumedRoleUser>
                </AssumeRoleResult></AssumeRoleResponse>""";
        private final HttpServer server;

        StubAwsServer(int status, String contentType, String body) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (request.contains("Action=AssumeRole")) {
                    byte[] credentials = ASSUME_ROLE_RESPONSE.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/xml");
                    exchange.sendResponseHeaders(200, credentials.length);
                    exchange.getResponseBody().write(credentials);
                    exchange.close();
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", contentType);
                exchange.getResponseHeaders().add("x-amzn-ErrorType", body.replaceAll(".*\"__type\":\"([^\"]+)\".*", "$1"));
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
