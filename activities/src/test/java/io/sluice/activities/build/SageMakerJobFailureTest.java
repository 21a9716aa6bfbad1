package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.ModelJobActivities;
import io.sluice.workflows.build.TrainingSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Moto's jobs always complete, so a failing job comes from a small server that speaks SageMaker's
 * JSON protocol for the two calls involved.
 */
class SageMakerJobFailureTest {

    @Test
    void failedTrainingJob_raisesANonRetryableFailureCarryingTheJobsReason() throws IOException {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String answer;
            if (body.contains("Action=AssumeRole")) {
                answer = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId>"
                        + "<SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken>"
                        + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
            } else {
                calls.add(target);
                answer = target.endsWith("CreateTrainingJob")
                        ? "{\"TrainingJobArn\":\"arn:aws:sagemaker:us-east-1:100000000003:training-job/bad\"}"
                        : "{\"TrainingJobName\":\"bad\",\"TrainingJobStatus\":\"Failed\","
                                + "\"FailureReason\":\"AlgorithmError: label column has 3 classes for binary:logistic\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        var settings = new AwsSettings("us-east-1", Map.of("dev", new AwsAccount("dev", "100000000003",
                "arn:aws:iam::100000000003:role/SluiceWorker")), Duration.ofSeconds(10), Duration.ofSeconds(5),
                "http://127.0.0.1:" + server.getAddress().getPort());
        try (var clients = AwsClients.create(settings)) {
            var jobs = new SageMakerJobs(clients);
            var request = new ModelJobActivities.TrainingRequest("dev", JobMode.sagemaker, "bad", Map.of("train", "s3://b/t/"),
                    new TrainingSpec(null, Map.of(), null, null, null, null, Map.of("train", "n.train", "validation", "n.validation")),
                    "arn:aws:iam::100000000003:role/SluiceSageMakerExecution", Map.of(), "s3://b/out");

            var failure = catchThrowableOfType(ApplicationFailure.class, () -> jobs.train(request));

            assertThat(failure.getType()).isEqualTo("sluice.AwsJobFailed");
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage())
                    .isEqualTo("training job bad ended Failed: AlgorithmError: label column has 3 classes for binary:logistic");
            assertThat(calls).containsExactly("SageMaker.CreateTrainingJob", "SageMaker.DescribeTrainingJob");
        } finally {
            server.stop(0);
        }
    }
}
