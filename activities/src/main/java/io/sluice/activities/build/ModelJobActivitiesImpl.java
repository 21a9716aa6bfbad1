package io.sluice.activities.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.JobProgress;
import io.sluice.activities.aws.PeriodicHeartbeat;
import io.sluice.activities.aws.S3Objects;
import io.sluice.activities.build.local.LocalJobs;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.ModelJobActivities;
import jakarta.inject.Inject;
import java.time.Duration;

/** Runs each job where the request's {@link JobMode} says: SageMaker, or the worker. */
public final class ModelJobActivitiesImpl implements ModelJobActivities {
    /** Well within the job steps' heartbeat timeout. */
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SageMakerJobs sageMaker;
    private final LocalJobs local;
    private final S3Objects s3;
    private final CatalogInputs catalogInputs;
    private final HeaderlessCopies headerlessCopies;

    @Inject
    public ModelJobActivitiesImpl(AwsClients clients) {
        this.s3 = new S3Objects(clients);
        this.sageMaker = new SageMakerJobs(clients);
        this.local = new LocalJobs(s3, clients.settings().region());
        this.catalogInputs = new CatalogInputs(clients);
        this.headerlessCopies = new HeaderlessCopies(clients);
    }

    @Override
    public ProcessingResult process(ProcessingRequest unresolved) {
        var request = new ProcessingRequest(unresolved.account(), unresolved.mode(), unresolved.jobName(), unresolved.flowUri(),
                catalogInputs.resolve(unresolved.account(), unresolved.inputs()), unresolved.outputs(), unresolved.spec(),
                unresolved.roleArn(), unresolved.tags(), unresolved.outputPrefix());
        if (request.mode() == JobMode.local) {
            try (var heartbeat = onTheWorker("processing job", request.jobName())) {
                return local.process(request);
            }
        }
        byte[] flow = s3.read(request.account(), S3Uri.parse(request.flowUri()));
        return sageMaker.process(request, flowJson(request.flowUri(), flow), Sha256.hex(flow));
    }

    private static JsonNode flowJson(String uri, byte[] flow) {
        try {
            return JSON.readTree(flow);
        } catch (java.io.IOException e) {
            throw FailureType.INVALID_INPUT.failure("flow " + uri + " is not JSON, so no Data Wrangler job can run it: "
                    + e.getMessage());
        }
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        if (request.mode() == JobMode.local) {
            try (var heartbeat = onTheWorker("training job", request.jobName())) {
                return local.train(request);
            }
        }
        return sageMaker.train(request);
    }

    @Override
    public TrainingDataResult trainingData(TrainingDataRequest request) {
        return headerlessCopies.copy(request);
    }

    /** A job computed on the worker heartbeats from a timer, so a crashed worker is noticed within the heartbeat timeout. */
    private static PeriodicHeartbeat onTheWorker(String kind, String name) {
        return PeriodicHeartbeat.ofCurrentActivity(new JobProgress(kind, name, "running on the worker"), HEARTBEAT_EVERY);
    }
}
