package io.sluice.workflows.deployment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes of DeployModel's activities. */
public final class FakeDeploymentActivities {
    public static final String PACKAGE = "arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1";

    private FakeDeploymentActivities() {}

    public static DeploymentSpec spec() {
        return spec("s3://b/test.csv");
    }

    /** The spec with integration tests scoring {@code testSetUri}; empty: the package's own test split. */
    static DeploymentSpec spec(String testSetUri) {
        return new DeploymentSpec("credit-risk", null, "image",
                new StageSpec(null, "arn:aws:iam::100000000005:role/SluiceSageMakerExecution", null, null, null, null),
                new StageSpec(null, "arn:aws:iam::100000000006:role/SluiceSageMakerExecution", "ml.m5.xlarge", 2, null, null),
                new IntegrationTestSpec(TestMode.local, List.of("1,2,3"), null, null, testSetUri, "dev", null, null, null, null,
                        "auc", 0.7), false);
    }

    public static final class Deployment implements DeploymentActivities {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final List<TagRequest> tags = new CopyOnWriteArrayList<>();
        final List<StackRequest> requests = new CopyOnWriteArrayList<>();
        volatile boolean prodFails;
        /** The prod stack's parameters before the run: an earlier release, or none. */
        volatile Map<String, String> previousProd = Map.of();
        /** The test split the package's lineage records, or empty. */
        volatile String testSplit = "";

        @Override
        public DeployablePackage describePackage(PackageRequest request) {
            return new DeployablePackage(request.packageArn(), "credit-risk", "Approved",
                    "100000000004.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0", "s3://shared/models/model.tar.gz", testSplit);
        }

        @Override
        public GrantResult grantAccess(GrantRequest request) {
            return new GrantResult(request.group(), true);
        }

        @Override
        public StackOutcome applyStack(StackRequest request) {
            applied.add(request.account() + ":" + request.stackName());
            requests.add(request);
            if (prodFails && request.stackName().endsWith("-prod")) {
                return new StackOutcome(request.stackName(), "stack-id", "UPDATE_ROLLBACK_COMPLETE", false, List.of(), Map.of(),
                        "Endpoint", "Resource handler returned message: \"capacity unavailable\"", Map.of());
            }
            return new StackOutcome(request.stackName(), "stack-id", "CREATE_COMPLETE", true,
                    List.of("Add Endpoint (AWS::SageMaker::Endpoint)"), Map.of("EndpointName", request.stackName() + "-ep",
                            "ModelName", request.stackName() + "-model"), "", "",
                    request.stackName().endsWith("-prod") ? previousProd : Map.of());
        }

        @Override
        public StackOutcome deleteStack(StackRequest request) {
            deleted.add(request.stackName());
            return new StackOutcome(request.stackName(), "stack-id", "DELETE_COMPLETE", true, List.of(), Map.of(), "", "", Map.of());
        }

        @Override
        public TagResult tagPackage(TagRequest request) {
            tags.add(request);
            return new TagResult(request.tags());
        }
    }

    public static final class Tests implements IntegrationTestActivities {
        volatile boolean pass = true;
        /** Whether the production endpoint answers its smoke test. */
        volatile boolean prodAnswers = true;
        final List<String> endpoints = new CopyOnWriteArrayList<>();
        final List<TestRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public TestReport run(TestRequest request) {
            endpoints.add(request.endpointName());
            requests.add(request);
            if (!prodAnswers && request.account().equals("prod")) {
                return new TestReport(false, 151, 0, 0, 0, 0, 151, "auc", 0, 0, List.of("151 of 151 requests failed: connection refused"));
            }
            return pass
                    ? new TestReport(true, 151, 151, 1.0, 0.4, 0.9, 0, "auc", 0.78, 150, List.of(), request.spec().testSetUri())
                    : new TestReport(false, 151, 151, 1.0, 0.4, 0.9, 0, "auc", 0.55, 150, List.of("auc 0.5500 is below 0.7"),
                            request.spec().testSetUri());
        }
    }
}
