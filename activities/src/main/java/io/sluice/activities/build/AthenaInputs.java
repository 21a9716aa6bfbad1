package io.sluice.activities.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.AthenaResultFormat;
import software.amazon.awssdk.services.sagemaker.model.DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.InputMode;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;

/**
 * A flow's Athena sources as the processing job's inputs, as Data Wrangler's processing job takes
 * them: a dataset definition per source, so SageMaker runs the query as the job's role and hands the
 * container its result at {@code /opt/ml/processing/<dataset name>}. Every field is checked against
 * what CreateProcessingJob accepts before the job is created, naming the node and the parameter.
 */
final class AthenaInputs {
    /** Data Wrangler writes the format in lower case; the API takes these. */
    private static final Map<String, AthenaResultFormat> FORMATS = Map.of("parquet", AthenaResultFormat.PARQUET,
            "orc", AthenaResultFormat.ORC, "avro", AthenaResultFormat.AVRO, "json", AthenaResultFormat.JSON,
            "textfile", AthenaResultFormat.TEXTFILE);
    private static final Pattern WORK_GROUP = Pattern.compile("^[a-zA-Z0-9._-]{1,128}$");
    /** CreateProcessingJob's limits on a query, a catalog and a database name, a result URI, and the inputs of a job. */
    private static final int QUERY_LIMIT = 4096;
    private static final int CATALOG_LIMIT = 256;
    private static final int DATABASE_LIMIT = 255;
    private static final int URI_LIMIT = 1024;
    static final int INPUTS_LIMIT = 10;
    /** The input that carries the {@code .flow} file itself. */
    static final String FLOW_INPUT = "flow";

    private AthenaInputs() {}

    /**
     * One input per Athena source of {@code flow} (the {@code .flow} file's JSON, read as the
     * container reads it: only its SOURCE nodes are looked at). Each query writes its result under
     * {@code <s3OutputLocation>/<jobName>/<dataset name>/}, so runs never read each other's results.
     *
     * @param s3Inputs the datasets the spec's {@code inputs} name: an Athena source may not be one
     * @param kmsKey the key Athena encrypts the results with, as the job's outputs are; empty for
     *     the result bucket's default encryption
     */
    static List<ProcessingInput> of(JsonNode flow, String jobName, Set<String> s3Inputs, String kmsKey) {
        List<ProcessingInput> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode node : flow.path("nodes")) {
            if (!node.path("type").asText("").equals("SOURCE")
                    || !node.path("operator").asText("").startsWith("sagemaker.athena_source")) {
                continue;
            }
            JsonNode definition = node.path("parameters").path("dataset_definition");
            String name = text(definition, "name");
            String database = text(definition, "databaseName");
            String catalog = text(definition, "catalogName").isEmpty() ? "AwsDataCatalog" : text(definition, "catalogName");
            String query = text(definition, "queryString");
            String outputLocation = text(definition, "s3OutputLocation");
            String format = text(definition, "outputFormat").isEmpty() ? "parquet" : text(definition, "outputFormat");
            String workGroup = text(definition, "workgroup");
            String where = "node " + node.path("node_id").asText("?") + " (Athena source " + (name.isEmpty() ? "without a name" : name) + "): ";
            int before = problems.size();
            require(problems, !name.isEmpty(), where + "dataset_definition.name is missing");
            require(problems, !s3Inputs.contains(name), where + "the spec's inputs name it, but on SageMaker the query runs "
                    + "in Athena (inputs." + name + " is for local job mode, which does not run queries); remove inputs." + name);
            require(problems, name.isEmpty() || names.add(name), where + "another Athena source has the dataset name " + name
                    + "; each becomes a processing input of that name, so give each source its own");
            require(problems, !name.equals(FLOW_INPUT), where + "the dataset name '" + FLOW_INPUT + "' is the input that "
                    + "carries the .flow file; rename the source");
            require(problems, !database.isEmpty() && database.length() <= DATABASE_LIMIT,
                    where + "dataset_definition.databaseName must be 1 to " + DATABASE_LIMIT + " characters");
            require(problems, catalog.length() <= CATALOG_LIMIT, where + "dataset_definition.catalogName must be at most "
                    + CATALOG_LIMIT + " characters");
            require(problems, !query.isBlank() && query.length() <= QUERY_LIMIT,
                    where + "dataset_definition.queryString must be 1 to " + QUERY_LIMIT + " characters");
            require(problems, S3Uri.isS3Uri(outputLocation),
                    where + "dataset_definition.s3OutputLocation '" + outputLocation + "' is not an S3 URI; expected s3://bucket/prefix/");
            AthenaResultFormat resultFormat = FORMATS.get(format.toLowerCase(Locale.ROOT));
            require(problems, resultFormat != null, where + "dataset_definition.outputFormat '" + format + "' is not one Athena "
                    + "writes for SageMaker; expected one of " + new java.util.TreeSet<>(FORMATS.keySet()));
            require(problems, workGroup.isEmpty() || WORK_GROUP.matcher(workGroup).matches(),
                    where + "dataset_definition.workgroup '" + workGroup + "' is not a work group name (1 to 128 letters, digits, . _ -)");
            String localPath = "/opt/ml/processing/" + name;
            require(problems, localPath.length() <= SageMakerJobs.ARGUMENT_LIMIT, where + "the dataset name makes local path "
                    + localPath + " longer than SageMaker's " + SageMakerJobs.ARGUMENT_LIMIT + " characters");
            if (problems.size() > before) {
                continue;
            }
            String results = (outputLocation.endsWith("/") ? outputLocation : outputLocation + "/") + jobName + "/" + name + "/";
            if (results.length() > URI_LIMIT) {
                problems.add(where + "its results URI " + results + " is longer than SageMaker's " + URI_LIMIT
                        + " characters; shorten dataset_definition.s3OutputLocation");
                continue;
            }
            inputs.add(ProcessingInput.builder().inputName(name).datasetDefinition(dataset -> dataset
                    .localPath(localPath)
                    .dataDistributionType(DataDistributionType.FULLY_REPLICATED)
                    .inputMode(InputMode.FILE)
                    .athenaDatasetDefinition(athena -> {
                        athena.catalog(catalog).database(database).queryString(query).outputS3Uri(results)
                                .outputFormat(resultFormat);
                        if (!workGroup.isEmpty()) {
                            athena.workGroup(workGroup);
                        }
                        if (!kmsKey.isEmpty()) {
                            athena.kmsKeyId(kmsKey);
                        }
                    })).build());
        }
        int count = 1 + s3Inputs.size() + inputs.size();
        if (problems.isEmpty() && count > INPUTS_LIMIT) {
            problems.add("it would take " + count + " inputs (the flow, " + s3Inputs.size() + " S3 source(s), " + inputs.size()
                    + " Athena source(s)), and CreateProcessingJob takes at most " + INPUTS_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw FailureType.INVALID_INPUT.failure("processing job " + jobName + " cannot be created: "
                    + String.join("; ", problems));
        }
        return inputs;
    }

    private static String text(JsonNode definition, String key) {
        JsonNode value = definition.path(key);
        return value.isTextual() ? value.asText().trim() : "";
    }

    private static void require(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }
}
