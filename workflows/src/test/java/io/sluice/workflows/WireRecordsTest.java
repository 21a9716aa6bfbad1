package io.sluice.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.deployment.DeployRequest;
import io.sluice.workflows.promotion.PromoteRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records that cross Temporal are read again on every replay: one that a later release would
 * refuse must still deserialize, so a run waiting at a gate is not wedged by a stricter check.
 */
class WireRecordsTest {
    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    @Test
    void aDeployRequestWhoseValuesNoLongerPassItsChecks_stillDeserializes_andValidateNamesTheField() {
        String json = """
                {"modelPackageArn": "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1",
                 "requester": "data-scientist@example.com",
                 "spec": {"endpointName": "credit_risk", "test": {"executionRoleArn": "arn:aws:iam::100000000005:role/X",
                          "instanceType": "m5.large"},
                          "prod": {"executionRoleArn": "arn:aws:iam::100000000006:role/X", "instanceCount": 0},
                          "integrationTests": {"metric": "f1", "minSuccessRate": 2}}}""";

        DeployRequest request = read(json, DeployRequest.class);

        assertThat(request.spec().endpointName()).isEqualTo("credit_risk");
        assertThat(request.spec().test().account()).isEqualTo("test");
        assertThatThrownBy(request::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpointName 'credit_risk' is not valid");
    }

    @Test
    void aPromoteRequestWithoutAPackageArnOrRequester_deserializes_andValidateRefusesIt() {
        PromoteRequest request = read("""
                {"sourceModelPackageArn": "credit-risk/1", "requester": "",
                 "spec": {"artifactPrefix": "s3://sluice-shared-100000000004/models"}}""", PromoteRequest.class);

        assertThatThrownBy(request::validate).hasMessageStartingWith("modelPackageArn 'credit-risk/1' is not a model package ARN");
    }

    @Test
    void aGatePolicyResult_isNotCheckedWhenRead_onlyWhereTheWorkerMakesIt() {
        var policy = new GatePolicy(List.of(), 0, false, Duration.ofDays(1), Duration.ofDays(2));

        GatePolicy read = read(new String(CONVERTER.toPayload(policy).orElseThrow().getData().toByteArray()), GatePolicy.class);

        assertThat(read.needed()).isZero();
        assertThatThrownBy(read::validate).hasMessageStartingWith("approvers is empty");
    }

    private static <T> T read(String json, Class<T> type) {
        var payload = io.temporal.api.common.v1.Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
                .build();
        return CONVERTER.fromPayload(payload, type, type);
    }
}
