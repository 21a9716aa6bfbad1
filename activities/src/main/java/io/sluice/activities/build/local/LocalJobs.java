package io.sluice.activities.build.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.RegionImages;
import io.sluice.activities.aws.S3Objects;
import io.sluice.activities.build.flow.Csv;
import io.sluice.activities.build.flow.FlowException;
import io.sluice.activities.build.flow.FlowExecutor;
import io.sluice.activities.build.flow.FlowFile;
import io.sluice.activities.build.flow.FlowSource;
import io.sluice.activities.build.flow.Table;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.build.ModelJobActivities.ProcessingRequest;
import io.sluice.workflows.build.ModelJobActivities.ProcessingResult;
import io.sluice.workflows.build.ModelJobActivities.TrainingRequest;
import io.sluice.workflows.build.ModelJobActivities.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing and training on the worker, like SageMaker local mode, reading and writing S3 where
 * the SageMaker jobs would. A job is done once its record {@code <prefix>/<job>/_sluice_job.json}
 * exists; running it again returns that record instead of redoing the work.
 */
public final class LocalJobs {
    static final String JOB_RECORD = "_sluice_job.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Objects s3;
    private final String region;

    private static final Logger log = LoggerFactory.getLogger(LocalJobs.class);

    public LocalJobs(S3Objects s3, String region) {
        this.s3 = s3;
        this.region = region;
    }

    /**
     * Runs the flow; each output is written under {@code <outputPrefix>/<job>/<output>/} as Data
     * Wrangler's processing job writes it: CSV with a header row.
     */
    public ProcessingResult process(ProcessingRequest request) {
        S3Uri jobRoot = S3Uri.parse(request.outputPrefix()).child(request.jobName());
        Optional<ProcessingResult> done = record(request.account(), jobRoot, ProcessingResult.class);
        if (done.isPresent()) {
            return done.get();
        }
        byte[] flowBytes = s3.read(request.account(), S3Uri.parse(request.flowUri()));
        Map<String, Table> tables;
        try {
            var executor = new FlowExecutor(FlowFile.parse(new String(flowBytes, StandardCharsets.UTF_8)), source -> readSource(
                    request.account(), inputUri(request, source)));
            tables = executor.run(request.outputs());
            executor.warnings().forEach(warning -> log.warn("processing job {}: {}", request.jobName(), warning));
        } catch (FlowException | IllegalArgumentException e) {
            throw FailureType.AWS_JOB_FAILED.failure("processing job " + request.jobName() + " failed: "
                    + e.getMessage(), e);
        }
        Map<String, String> written = new LinkedHashMap<>();
        tables.forEach((output, table) -> {
            S3Uri prefix = jobRoot.child(output);
            s3.write(request.account(), prefix.child("part-00000.csv"), Csv.write(table, true).getBytes(StandardCharsets.UTF_8),
                    "text/csv");
            written.put(output, prefix + "/");
        });
        var result = new ProcessingResult(request.jobName(), written, Sha256.hex(flowBytes), true);
        writeRecord(request.account(), jobRoot, result);
        return result;
    }

    /** Trains XGBoost on the channels; the model goes to {@code <outputPath>/<job>/output/model.tar.gz}. */
    public TrainingResult train(TrainingRequest request) {
        S3Uri jobRoot = S3Uri.parse(request.outputPath()).child(request.jobName());
        Optional<TrainingResult> done = record(request.account(), jobRoot, TrainingResult.class);
        if (done.isPresent()) {
            return done.get();
        }
        XgboostTrainer.TrainedModel trained;
        try {
            trained = XgboostTrainer.train(request.spec().hyperparameters(), channel(request, "train"), channel(request, "validation"));
        } catch (IllegalArgumentException e) {
            throw FailureType.AWS_JOB_FAILED.failure("training job " + request.jobName() + " failed: "
                    + e.getMessage(), e);
        }
        S3Uri model = jobRoot.child("output").child("model.tar.gz");
        s3.write(request.account(), model, ModelArchive.pack(Map.of(ModelArchive.XGBOOST_MODEL, trained.model())),
                "application/x-gzip");
        var result = new TrainingResult(request.jobName(), model.toString(), RegionImages.xgboost(request.spec().image(), region),
                trained.metrics());
        writeRecord(request.account(), jobRoot, result);
        return result;
    }

    /** Where the dataset is read from: the spec's input for it, else where the flow says it is. */
    private static String inputUri(ProcessingRequest request, FlowSource source) {
        String uri = request.inputs().getOrDefault(source.name(), source.s3Uri());
        if (uri.isEmpty()) {
            throw new FlowException(source.missingInput("inputs." + source.name()));
        }
        return uri;
    }

    /**
     * A source's objects: one object, or every object under a prefix (a URI ending in {@code /}, as
     * a table's location or an Athena query's result location is), in key order: its
     * {@linkplain S3Objects#isDataFile data files}.
     */
    private List<byte[]> readSource(String account, String uri) {
        S3Uri location = S3Uri.parse(uri);
        if (!uri.endsWith("/")) {
            return List.of(s3.read(account, location));
        }
        List<byte[]> objects = new ArrayList<>();
        for (String key : s3.list(account, location)) {
            if (S3Objects.isDataFile(key)) {
                objects.add(s3.read(account, new S3Uri(location.bucket(), key)));
            }
        }
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("no data under " + uri);
        }
        return objects;
    }

    private LabeledData channel(TrainingRequest request, String name) {
        String uri = request.channels().get(name);
        if (uri == null) {
            throw new IllegalArgumentException("no " + name + " channel");
        }
        S3Uri prefix = S3Uri.parse(uri);
        StringBuilder csv = new StringBuilder();
        for (String key : s3.list(request.account(), prefix)) {
            if (key.endsWith(".csv")) {
                csv.append(new String(s3.read(request.account(), new S3Uri(prefix.bucket(), key)), StandardCharsets.UTF_8));
            }
        }
        try {
            return LabeledData.parse(csv.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " channel " + uri + ": " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> record(String account, S3Uri jobRoot, Class<T> type) {
        return s3.readIfPresent(account, jobRoot.child(JOB_RECORD)).map(bytes -> {
            try {
                return JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable job record under " + jobRoot, e);
            }
        });
    }

    private void writeRecord(String account, S3Uri jobRoot, Object result) {
        try {
            s3.write(account, jobRoot.child(JOB_RECORD), JSON.writeValueAsBytes(result), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
