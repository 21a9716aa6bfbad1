package io.sluice.workflows.build;

import io.sluice.workflows.Validated;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model build: what {@code build.yaml} holds. {@link #validate()} refuses invalid values, naming
 * the field, before anything starts.
 *
 * @param account the account alias the build runs in (default {@code dev})
 * @param modelPackageGroup the registry group the model joins
 * @param description what the model is for
 * @param flow the Data Wrangler {@code .flow} file, {@code s3://...}
 * @param inputs the data the flow reads: the name of each of its S3 sources → an S3 URI, or a
 *     registered data product's table {@code glue://<database>/<table>} (optionally
 *     {@code ?account=<alias>} for the catalog to read; default the build's account), resolved to
 *     the table's S3 location when the job starts
 * @param processing the processing job
 * @param training the training job
 * @param evaluation the bar the model must pass to be registered
 * @param executionRoleArn the role SageMaker jobs run as
 * @param tags tags for every resource the build creates
 * @param preStep an existing state machine to run first, or none
 * @param jobs where jobs run: {@code {mode: sagemaker}} (default) or {@code {mode: local}}
 * @param promoteOnApproval start PromoteModel once the lead data scientist approves
 * @param promotion how to promote, required with {@code promoteOnApproval}
 */
public record BuildSpec(
        String account,
        String modelPackageGroup,
        String description,
        String flow,
        Map<String, String> inputs,
        ProcessingSpec processing,
        TrainingSpec training,
        EvaluationSpec evaluation,
        String executionRoleArn,
        Map<String, String> tags,
        PreStepSpec preStep,
        Jobs jobs,
        Boolean promoteOnApproval,
        io.sluice.workflows.promotion.PromotionSpec promotion) implements Validated {

    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

    public BuildSpec {
        account = Specs.text(account, "dev");
        modelPackageGroup = Specs.text(modelPackageGroup, "");
        description = Specs.text(description, "");
        flow = Specs.text(flow, "");
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        executionRoleArn = Specs.text(executionRoleArn, "");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        preStep = preStep == null ? PreStepSpec.NONE : preStep;
        jobs = jobs == null ? new Jobs(JobMode.sagemaker) : jobs;
        promoteOnApproval = promoteOnApproval != null && promoteOnApproval;
    }

    @Override
    public void validate() {
        Specs.sageMakerName("modelPackageGroup", modelPackageGroup);
        Specs.s3Uri("flow", flow);
        if (!flow.endsWith(".flow")) {
            throw new IllegalArgumentException("flow '" + flow + "' does not name a .flow file; expected s3://bucket/path/name.flow");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs is missing; expected the S3 URI of each dataset the flow reads, "
                    + "e.g. {credit_risk.csv: s3://bucket/data/credit_risk.csv}");
        }
        inputs.forEach((name, uri) -> Specs.input("inputs." + name, uri));
        if (processing == null) {
            throw new IllegalArgumentException("processing is missing; expected at least processing.outputPrefix");
        }
        processing.validate();
        if (training == null) {
            throw new IllegalArgumentException("training is missing; expected at least training.channels");
        }
        training.validate();
        if (evaluation == null) {
            throw new IllegalArgumentException("evaluation is missing; expected metric, comparison and threshold");
        }
        evaluation.validate();
        Specs.roleArn("executionRoleArn", executionRoleArn);
        tags.forEach((key, value) -> {
            if (!TAG_KEY.matcher(key).matches() || key.startsWith("aws:")) {
                throw new IllegalArgumentException("tags key '" + key + "' is not a valid tag key; expected 1-128 letters, "
                        + "digits, spaces or _.:/=+-@, not starting with aws:");
            }
            if (value == null || value.length() > 256) {
                throw new IllegalArgumentException("tags." + key + " must be a value of at most 256 characters");
            }
        });
        preStep.validate();
        if (promoteOnApproval && promotion == null) {
            throw new IllegalArgumentException("promotion is missing; promoteOnApproval needs at least promotion.artifactPrefix");
        }
        if (promotion != null) {
            promotion.validate();
        }
    }

    /** {@code jobs:} of {@code build.yaml}. */
    public record Jobs(JobMode mode) {
        public Jobs {
            mode = mode == null ? JobMode.sagemaker : mode;
        }
    }
}
