package io.sluice.activities.promotion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.PolicyDocuments;
import io.sluice.activities.aws.RegionImages;
import io.sluice.activities.promotion.images.BlobProgress;
import io.sluice.activities.promotion.images.CopyReport;
import io.sluice.activities.promotion.images.DigestMismatchException;
import io.sluice.activities.promotion.images.ImageCopier;
import io.sluice.activities.promotion.images.ImageReference;
import io.sluice.activities.promotion.images.Manifest;
import io.sluice.activities.promotion.images.RegistryCallObserver;
import io.sluice.activities.promotion.images.RegistryClient;
import io.sluice.activities.promotion.images.RegistryCredentials;
import io.sluice.activities.promotion.images.RegistryException;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ImageCopy;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ImageCopyRequest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/**
 * Copies an ECR image to another account's ECR over the registry protocol (see
 * {@code ArtifactCopyActivities.copyImage}): ECR's API for the repository, its pull policy and the
 * credentials; {@link ImageCopier} for the bytes, digest preserved.
 */
public final class EcrImageCopier {
    static final String PULL_STATEMENT = "SluiceStagesPull";
    private final AwsClients clients;
    private final RegistryEndpoints endpoints;
    private final ImageCopier copier;
    private final HttpClient http = RegistryClient.newHttpClient();

    @Inject
    public EcrImageCopier(AwsClients clients, RegistryEndpoints endpoints, CopySettings settings) {
        this.clients = clients;
        this.endpoints = endpoints;
        this.copier = new ImageCopier(settings.imageBlobsAtOnce());
    }

    public ImageCopy copy(ImageCopyRequest request, Consumer<String> heartbeat) {
        if (RegionImages.isAwsOwned(request.sourceImage())) {
            return new ImageCopy(request.sourceImage(), request.sourceImage(), "", 0, 0, 0);
        }
        ImageReference from = ImageReference.parse(request.sourceImage());
        var sourceAccount = clients.account(request.sourceAccount());
        var targetAccount = clients.account(request.targetAccount());
        String region = clients.settings().region();
        if (!from.registry().startsWith(sourceAccount.id() + ".")) {
            throw FailureType.INVALID_INPUT.failure("image " + request.sourceImage() + " is not in the registry of account "
                    + sourceAccount.describe() + "; expected " + sourceAccount.id() + ".dkr.ecr." + region + ".amazonaws.com/...");
        }
        ImageReference to = new ImageReference(targetAccount.id() + from.registry().substring(from.registry().indexOf('.')),
                from.repository(), from.reference());
        var source = new RegistryClient(endpoints.endpoint(sourceAccount.id(), region), credentials(request.sourceAccount()), http,
                recorder(request.sourceAccount(), sourceAccount.id()));
        Manifest image = runnableImage(source, from);
        ensureRepository(request, from.repository());
        var target = new RegistryClient(endpoints.endpoint(targetAccount.id(), region), credentials(request.targetAccount()), http,
                recorder(request.targetAccount(), targetAccount.id()));
        CopyReport report;
        try {
            report = copier.copy(source, new ImageReference(source.registry(), from.repository(), from.reference()), image,
                    target, new ImageReference(target.registry(), to.repository(), to.reference()),
                    new HeartbeatProgress(from.toString(), heartbeat));
        } catch (DigestMismatchException e) {
            throw FailureType.AWS_UNAVAILABLE.failure("copying " + from + " to " + to + ": " + e.getMessage() + "; retrying", e);
        } catch (RegistryException e) {
            throw AwsFailures.classifyHttp("copying " + from + " to " + to, e.status(), e.retryable(), e.getMessage(), AwsCalls.attempt(), e);
        }
        return new ImageCopy(request.sourceImage(), to.toString(), report.digest(), report.blobsCopied(),
                report.blobsSkipped() + report.blobsMounted(), report.bytesCopied());
    }

    /**
     * Progress as the copy activity's heartbeat details: the blobs done and the bytes streamed, so
     * a pending activity in the Web UI shows a multi-gigabyte layer moving.
     */
    private static final class HeartbeatProgress implements BlobProgress {
        private final String image;
        private final Consumer<String> heartbeat;
        private final AtomicInteger blobsDone = new AtomicInteger();
        private final AtomicLong streamedBytes = new AtomicLong();
        private final AtomicLong totalBytes = new AtomicLong();

        HeartbeatProgress(String image, Consumer<String> heartbeat) {
            this.image = image;
            this.heartbeat = heartbeat;
        }

        @Override
        public void blobDone(String digest, long bytes, boolean copied) {
            blobsDone.incrementAndGet();
            report((copied ? "copied " : "present ") + digest + " (" + bytes + " bytes)");
        }

        @Override
        public void streamed(long streamed, long total) {
            streamedBytes.set(streamed);
            totalBytes.set(total);
            report("streaming");
        }

        private void report(String latest) {
            long total = totalBytes.get();
            heartbeat.accept(String.format(Locale.ROOT, "copying %s: %d blob(s) done, %.1f%s MiB streamed; %s", image, blobsDone.get(),
                    streamedBytes.get() / (double) CopySettings.MIB,
                    total == 0 ? "" : String.format(Locale.ROOT, " of %.1f", total / (double) CopySettings.MIB), latest));
        }
    }

    /** {@code from}'s manifest; an image SageMaker could not run once deployed is refused before anything is copied. */
    private static Manifest runnableImage(RegistryClient source, ImageReference from) {
        Manifest manifest;
        try {
            manifest = source.getManifest(from.repository(), from.reference());
        } catch (RegistryException e) {
            throw AwsFailures.classifyHttp("reading " + from, e.status(), e.retryable(), e.getMessage(), AwsCalls.attempt(), e);
        }
        SageMakerRunnable.problem(manifest).ifPresent(problem -> {
            throw FailureType.INVALID_INPUT.failure("image " + from + " (" + manifest.digest() + ") cannot be promoted: "
                    + "SageMaker could not run it, as " + problem);
        });
        return manifest;
    }

    /** Records each registry call of {@code alias}'s role as the ECR API request that authorizes it. */
    private RegistryCallObserver recorder(String alias, String registryId) {
        return (action, repository, reference) -> clients.recordRegistryCall(alias, action,
                EcrRequests.equivalent(action, registryId, repository, reference));
    }

    /**
     * The target repository, created if missing, with a policy letting the pull accounts pull:
     * Sluice's statement is merged into the repository's policy by its Sid, so what the platform's
     * templates or others put there is kept; nothing is written when the policy already says it.
     */
    private void ensureRepository(ImageCopyRequest request, String repository) {
        var ecr = clients.client(request.targetAccount(), AwsServices.ECR);
        var operation = new AwsOperation(clients.account(request.targetAccount()), "ecr", "CreateRepository", "repository " + repository);
        // One created by an earlier promotion or attempt is kept.
        AwsCalls.createUnlessExists(operation, () -> ecr.createRepository(create -> create.repositoryName(repository)
                .imageScanningConfiguration(scan -> scan.scanOnPush(true))), e -> e instanceof RepositoryAlreadyExistsException);
        if (request.pullAccounts().isEmpty()) {
            return;
        }
        ObjectNode statement = PolicyDocuments.statement(PULL_STATEMENT);
        ArrayNode principals = statement.putObject("Principal").putArray("AWS");
        request.pullAccounts().stream().map(alias -> "arn:aws:iam::" + clients.account(alias).id() + ":root").sorted().distinct()
                .forEach(principals::add);
        statement.putArray("Action").add("ecr:BatchGetImage").add("ecr:GetDownloadUrlForLayer").add("ecr:BatchCheckLayerAvailability");
        var account = clients.account(request.targetAccount());
        String existing;
        try {
            existing = ecr.getRepositoryPolicy(get -> get.repositoryName(repository)).policyText();
        } catch (RepositoryPolicyNotFoundException none) {
            existing = "";
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsFailures.classify(e, new AwsOperation(account, "ecr", "GetRepositoryPolicy", "repository " + repository),
                    AwsCalls.attempt());
        }
        String policy = PolicyDocuments.withStatement(existing, statement);
        if (PolicyDocuments.same(existing, policy)) {
            return;
        }
        AwsCalls.call(new AwsOperation(account, "ecr", "SetRepositoryPolicy", "repository " + repository),
                () -> ecr.setRepositoryPolicy(set -> set.repositoryName(repository).policyText(policy)));
    }

    private RegistryCredentials credentials(String account) {
        var operation = new AwsOperation(clients.account(account), "ecr", "GetAuthorizationToken", "registry");
        String token = AwsCalls.call(operation, () -> clients.client(account, AwsServices.ECR).getAuthorizationToken(get -> { }))
                .authorizationData().get(0).authorizationToken();
        return RegistryCredentials.ecrToken(token);
    }
}
