package io.sluice.workflows.promotion;

import io.sluice.workflows.registry.ModelRegistryActivities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes of PromoteModel's activities, recording what they were asked. */
public final class FakePromotionActivities {
    public static final String SOURCE = "arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1";
    static final String IMAGE = "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0";
    static final String MODEL = "s3://sluice-dev-100000000003/build/train/output/model.tar.gz";
    /** The alias the fake plan says the source package's ARN names, when the spec gives none. */
    static final String ARN_ACCOUNT = "dev2";

    private FakePromotionActivities() {}

    public static final class Promotion implements PromotionActivities {
        volatile String sourceStatus = "Approved";
        /** Where the plan copies the source's test split to, or empty for a source without one. */
        volatile String testSplit = "";
        /** Whether the plan is as plans recorded before they named a target prefix were. */
        volatile boolean withoutTargetPrefix;
        /** More customer metadata of the source package. */
        volatile Map<String, String> moreMetadata = Map.of();
        final List<CentralPackageRequest> registered = new CopyOnWriteArrayList<>();
        final List<ModelCardRequest> cards = new CopyOnWriteArrayList<>();

        @Override
        public PromotionPlan plan(PlanRequest request) {
            String prefix = request.artifactPrefix() + "/credit-risk/v1/";
            return new PromotionPlan(request.sourcePackageArn(), "credit-risk", 1, sourceStatus, "Credit risk",
                    List.of(new PromotionPlan.Container(IMAGE, MODEL, Map.of())), "s3://sluice-dev-100000000003/stats.json",
                    Map.of("validation:auc", 0.75), "approved by lead-ds@example.com",
                    withMore(Map.of("sluice:workflowId", "build/credit-risk/1", "sluice:trainingJob", "train")),
                    Map.of(MODEL, (request.namesUnderTargetPrefix() && !withoutTargetPrefix ? "" : prefix) + "container-0-model.tar.gz",
                            "s3://sluice-dev-100000000003/stats.json", (request.namesUnderTargetPrefix() && !withoutTargetPrefix ? "" : prefix) + "statistics.json"),
                    Map.of(IMAGE, "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0"), testSplit,
                    request.sourceAccount().isEmpty() ? ARN_ACCOUNT : request.sourceAccount(), withoutTargetPrefix ? null : prefix);
        }

        private Map<String, String> withMore(Map<String, String> metadata) {
            var all = new java.util.HashMap<>(metadata);
            all.putAll(moreMetadata);
            return all;
        }

        @Override
        public CentralPackage registerCentral(CentralPackageRequest request) {
            registered.add(request);
            return new CentralPackage("arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1", 1, true);
        }

        @Override
        public ModelCard writeModelCard(ModelCardRequest request) {
            cards.add(request);
            return new ModelCard("arn:aws:sagemaker:us-east-1:100000000004:model-card/" + request.name(), cards.size(), true);
        }
    }

    public static final class Copies implements ArtifactCopyActivities {
        final List<String> copied = new CopyOnWriteArrayList<>();
        /** The account each copy read its source as. */
        final List<String> readers = new CopyOnWriteArrayList<>();

        @Override
        public ObjectCopy copyObject(ObjectCopyRequest request) {
            copied.add(request.sourceUri());
            readers.add(request.sourceAccount());
            return new ObjectCopy(request.sourceUri(), request.targetUri(), 1234, "\"e\"", "\"e\"", "COPY", 1, 0,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        }

        @Override
        public ImageCopy copyImage(ImageCopyRequest request) {
            copied.add(request.sourceImage());
            readers.add(request.sourceAccount());
            return new ImageCopy(request.sourceImage(), request.sourceImage().replace("100000000003", "100000000004"),
                    "sha256:abc", 3, 0, 4096);
        }

        final List<CopyRecordRequest> records = new CopyOnWriteArrayList<>();

        @Override
        public CopyRecord recordCopies(CopyRecordRequest request) {
            records.add(request);
            return new CopyRecord(request.manifestUri(), "5e1f", request.objects().size(), request.images().size(),
                    request.objects().stream().mapToLong(CopiedObject::size).sum());
        }
    }

    public static final class Registry implements ModelRegistryActivities {
        final List<ApprovalStatusRequest> statusUpdates = new CopyOnWriteArrayList<>();

        @Override
        public GroupResult ensureGroup(GroupRequest request) {
            return new GroupResult("arn:aws:sagemaker:us-east-1:100000000004:model-package-group/" + request.group(), false);
        }

        @Override
        public PackageResult registerPackage(PackageRequest request) {
            throw new UnsupportedOperationException("PromoteModel registers through PromotionActivities");
        }

        @Override
        public PackageResult setApprovalStatus(ApprovalStatusRequest request) {
            statusUpdates.add(request);
            return new PackageResult(request.packageArn(), 1, request.status());
        }
    }
}
