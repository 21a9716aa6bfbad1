package io.sluice.activities.build;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.S3Location;
import io.sluice.activities.aws.S3Objects;
import io.sluice.activities.build.local.LocalJobs;
import io.sluice.workflows.build.JobMode;
import io.sluice.workflows.build.ModelJobActivities;
import jakarta.inject.Inject;

/** Runs each job where the request's {@link JobMode} says: SageMaker, or the worker. */
public final class ModelJobActivitiesImpl implements ModelJobActivities {
    private final SageMakerJobs sageMaker;
    private final LocalJobs local;
    private final S3Objects s3;
    private final CatalogInputs catalogInputs;

    @Inject
    public ModelJobActivitiesImpl(AwsClients clients) {
        this.s3 = new S3Objects(clients);
        this.sageMaker = new SageMakerJobs(clients);
        this.local = new LocalJobs(s3, clients.settings().region());
        this.catalogInputs = new CatalogInputs(clients);
    }

    @Override
    public ProcessingResult process(ProcessingRequest unresolved) {
        var request = new ProcessingRequest(unresolved.account(), unresolved.mode(), unresolved.jobName(), unresolved.flowUri(),
                catalogInputs.resolve(unresolved.account(), unresolved.inputs()), unresolved.outputs(), unresolved.spec(),
                unresolved.roleArn(), unresolved.tags(), unresolved.outputPrefix());
        if (request.mode() == JobMode.local) {
            return local.process(request);
        }
        String flowSha256 = LocalJobs.sha256(s3.read(request.account(), S3Location.parse(request.flowUri())));
        return sageMaker.process(request, flowSha256);
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        return request.mode() == JobMode.local ? local.train(request) : sageMaker.train(request);
    }
}
