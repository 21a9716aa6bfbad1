package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.build.flow.TestFlows;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AthenaInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void athenaSource_becomesADatasetInputWithItsWorkGroupAndTheJobsKey() {
        JsonNode flow = flow(with(athena("q1", "applications"), "workgroup", "analysts"));

        var inputs = AthenaInputs.of(flow, "credit-risk-proc-1a2b3c4d", Set.of(), "arn:aws:kms:us-east-1:100000000003:key/k-1");

        assertThat(inputs).singleElement().satisfies(input -> {
            var athena = input.datasetDefinition().athenaDatasetDefinition();
            assertThat(input.inputName()).isEqualTo("applications");
            assertThat(athena.workGroup()).isEqualTo("analysts");
            assertThat(athena.catalog()).isEqualTo("AwsDataCatalog");
            assertThat(athena.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:100000000003:key/k-1");
            assertThat(athena.outputS3Uri()).isEqualTo("s3://results/athena/credit-risk-proc-1a2b3c4d/applications/");
        });
        assertThat(AthenaInputs.of(flow(), "job", Set.of("data.csv"), "")).isEmpty();
    }

    @Test
    void sourcesSageMakerWouldRefuse_areNamedTogetherBeforeAnyCall() {
        JsonNode flow = flow(athena("q1", "applications"), athena("q2", "applications"), athena("q3", "flow"),
                with(with(athena("q4", "scores"), "queryString", " "), "workgroup", "no spaces allowed"));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> AthenaInputs.of(flow, "job", Set.of(), ""));

        assertThat(failure.getType()).isEqualTo("sluice.InvalidInput");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage())
                .contains("node q2 (Athena source applications): another Athena source has the dataset name applications")
                .contains("node q3 (Athena source flow): the dataset name 'flow' is the input that carries the .flow file")
                .contains("node q4 (Athena source scores): dataset_definition.queryString must be 1 to 4096 characters")
                .contains("dataset_definition.workgroup 'no spaces allowed' is not a work group name")
                .doesNotContain("node q1");
    }

    @Test
    void moreInputsThanAProcessingJobTakes_areRefused() {
        ObjectNode[] sources = new ObjectNode[5];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = athena("q" + i, "query_" + i);
        }

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> AthenaInputs.of(flow(sources), "job",
                Set.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv"), ""));

        assertThat(failure.getOriginalMessage()).contains("it would take 11 inputs (the flow, 5 S3 source(s), 5 Athena source(s)), "
                + "and CreateProcessingJob takes at most 10");
    }

    /** An Athena SOURCE node reading dataset {@code name}. */
    private static ObjectNode athena(String nodeId, String name) {
        try {
            return (ObjectNode) JSON.readTree(TestFlows.athenaSource(nodeId, name, "s3://results/athena", "parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code node} with its dataset definition's {@code key} set to {@code value}. */
    private static ObjectNode with(ObjectNode node, String key, String value) {
        ((ObjectNode) node.path("parameters").path("dataset_definition")).put(key, value);
        return node;
    }

    private static JsonNode flow(ObjectNode... nodes) {
        ObjectNode flow = JSON.createObjectNode();
        ArrayNode array = flow.putArray("nodes");
        for (ObjectNode node : nodes) {
            array.add(node);
        }
        return flow;
    }
}
