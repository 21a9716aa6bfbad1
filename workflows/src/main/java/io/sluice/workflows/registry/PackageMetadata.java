package io.sluice.workflows.registry;

import io.sluice.workflows.build.CatalogTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer metadata a build writes on its model package: the run, the flow and, per input
 * {@code n} (inputs in name order, from 0), {@code sluice:input:<n>:name} the flow's source name,
 * {@code sluice:input:<n>} the S3 URI or the catalog table ({@code <database>.<table>}) and, for a
 * table, {@code sluice:input:<n>:account} the account alias whose catalog holds it. Each value is
 * one plain token, so every value stays within what SageMaker accepts.
 */
public final class PackageMetadata {
    public static final String WORKFLOW_ID = "sluice:workflowId";
    public static final String REQUESTER = "sluice:requester";
    public static final String FLOW = "sluice:flow";
    public static final String FLOW_SHA256 = "sluice:flowSha256";
    public static final String TRAINING_JOB = "sluice:trainingJob";
    /**
     * The held-out test split the build's flow wrote (its processing output named {@code <node>.test}),
     * an S3 prefix of headerless CSV: the build's copy without header rows, or, for a build from
     * before those copies, the processing output itself; a promotion copies it and points its central package's entry at the copy, so the
     * deployment's integration tests score the package on its own test split.
     */
    public static final String TEST_SPLIT = "sluice:testSplit";
    /** The build's evaluation bar: metric, comparison ({@code GreaterThanOrEqualTo}, …) and threshold. */
    public static final String EVALUATION_METRIC = "sluice:evaluation:metric";
    public static final String EVALUATION_COMPARISON = "sluice:evaluation:comparison";
    public static final String EVALUATION_THRESHOLD = "sluice:evaluation:threshold";
    /** Every input key starts with this. */
    public static final String INPUT_PREFIX = "sluice:input:";

    private PackageMetadata() {}

    public static String input(int index) {
        return INPUT_PREFIX + index;
    }

    public static String inputName(int index) {
        return input(index) + ":name";
    }

    public static String inputAccount(int index) {
        return input(index) + ":account";
    }

    /** The input entries of {@code inputs} (source name → S3 URI or {@code glue://} table). */
    public static Map<String, String> inputs(Map<String, String> inputs, String buildAccount) {
        Map<String, String> metadata = new LinkedHashMap<>();
        int index = 0;
        for (var input : new TreeMap<>(inputs).entrySet()) {
            metadata.put(inputName(index), input.getKey());
            var table = CatalogTable.parse(input.getValue(), buildAccount);
            if (table.isPresent()) {
                metadata.put(input(index), table.get().qualifiedName());
                metadata.put(inputAccount(index), table.get().account());
            } else {
                metadata.put(input(index), input.getValue());
            }
            index++;
        }
        return metadata;
    }
}
