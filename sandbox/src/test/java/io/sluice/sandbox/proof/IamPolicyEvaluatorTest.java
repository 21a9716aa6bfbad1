package io.sluice.sandbox.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.sandbox.proof.IamDecision.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamPolicyEvaluatorTest {
    private static final String WORKER_ACCOUNT = "100000000003";
    private static final String SHARED_ACCOUNT = "100000000004";
    private static final String WORKER = "arn:aws:iam::" + WORKER_ACCOUNT + ":role/SluiceWorker";
    private static final String OBJECT = "arn:aws:s3:::sluice-shared-" + SHARED_ACCOUNT + "/models/model.tar.gz";
    private static final String READ_OBJECTS = policy("""
            {"Sid": "ReadArtifacts", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::sluice-*/*"}""");

    private static IamPolicyEvaluator evaluator;

    @BeforeAll
    static void startEvaluator() {
        evaluator = IamPolicyEvaluator.start();
    }

    @AfterAll
    static void stopEvaluator() {
        evaluator.close();
    }

    @Test
    void evaluate_allowsWhatAnIdentityStatementAllows() {
        IamDecision decision = evaluator.evaluate(
                IamRequest.of(WORKER, "s3:GetObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS)));

        assertThat(decision.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).contains("Sid ReadArtifacts in identity policy 1");
    }

    @Test
    void evaluate_deniesImplicitlyWhenNoStatementAllows() {
        IamDecision decision = evaluator.evaluate(
                IamRequest.of(WORKER, "s3:PutObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS)));

        assertThat(decision.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("no identity statement allows it");
    }

    @Test
    void evaluate_explicitDenyInAnIdentityPolicyOverridesAnAllow() {
        String denyModels = policy("""
                {"Sid": "NoModels", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*/models/*"}""");

        IamDecision decision = evaluator.evaluate(
                IamRequest.of(WORKER, "s3:GetObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS, denyModels)));

        assertThat(decision.decision()).isEqualTo(Decision.EXPLICITLY_DENIED);
        assertThat(decision.reason()).isEqualTo("denied by statement Sid NoModels in identity policy 2");
    }

    @Test
    void evaluate_crossAccountGetObjectNeedsABucketPolicyThatTrustsTheCallersAccount() {
        var request = IamRequest.of(WORKER, "s3:GetObject", OBJECT, SHARED_ACCOUNT, List.of(READ_OBJECTS));
        String trustsWorkerAccount = policy("""
                {"Sid": "WorkerAccountReads", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000003:root"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::sluice-shared-100000000004/*"}""");
        String trustsAnotherAccount = trustsWorkerAccount.replace("100000000003", "100000000009");

        IamDecision withoutBucketPolicy = evaluator.evaluate(request);
        IamDecision trusted = evaluator.evaluate(request.withResourcePolicy(trustsWorkerAccount));
        IamDecision trustingAnother = evaluator.evaluate(request.withResourcePolicy(trustsAnotherAccount));

        assertThat(withoutBucketPolicy.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(withoutBucketPolicy.reason()).contains("no resource policy to allow the caller's account 100000000003");
        assertThat(trusted.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(trusted.reason()).contains("Sid ReadArtifacts in identity policy 1", "Sid WorkerAccountReads in the resource policy");
        assertThat(trustingAnother.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(trustingAnother.reason()).contains("the resource policy does not allow the caller's account 100000000003");
    }

    @Test
    void evaluate_crossAccountBatchGetImageNeedsTheRepositoryPolicy() {
        String pull = policy("""
                {"Sid": "Pull", "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                 "Resource": "arn:aws:ecr:*:*:repository/sluice/*"}""");
        String repositoryPolicy = policy("""
                {"Sid": "WorkerPulls", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000003:role/SluiceWorker"},
                 "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}""");
        var request = IamRequest.of(WORKER, "ecr:BatchGetImage",
                "arn:aws:ecr:eu-west-1:" + SHARED_ACCOUNT + ":repository/sluice/churn", SHARED_ACCOUNT, List.of(pull));

        assertThat(evaluator.evaluate(request).decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(evaluator.evaluate(request.withResourcePolicy(repositoryPolicy)).decision()).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_passRoleIsAllowedOnlyToTheServiceTheConditionNames() {
        String passToSageMaker = policy("""
                {"Sid": "PassExecutionRole", "Effect": "Allow", "Action": "iam:PassRole",
                 "Resource": "arn:aws:iam::100000000003:role/SluiceSageMakerExecution",
                 "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}""");
        var request = IamRequest.of(WORKER, "iam:PassRole", "arn:aws:iam::" + WORKER_ACCOUNT + ":role/SluiceSageMakerExecution",
                WORKER_ACCOUNT, List.of(passToSageMaker));

        IamDecision toSageMaker = evaluator.evaluate(request.withContext("iam:PassedToService", "sagemaker.amazonaws.com"));
        IamDecision toLambda = evaluator.evaluate(request.withContext("iam:PassedToService", "lambda.amazonaws.com"));

        assertThat(toSageMaker.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(toSageMaker.reason()).contains("Sid PassExecutionRole");
        assertThat(toLambda.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void evaluate_assumeRoleNeedsTheTrustPolicyToNameTheCaller() {
        String assumeDeployRoles = policy("""
                {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/SluiceDeploy"}""");
        String trustsWorker = policy("""
                {"Sid": "TrustWorker", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000003:role/SluiceWorker"},
                 "Action": "sts:AssumeRole"}""");
        String deployRole = "arn:aws:iam::" + SHARED_ACCOUNT + ":role/SluiceDeploy";
        String otherRole = "arn:aws:iam::" + WORKER_ACCOUNT + ":role/SomeoneElse";

        IamDecision worker = evaluator.evaluate(
                IamRequest.of(WORKER, "sts:AssumeRole", deployRole, SHARED_ACCOUNT, List.of(assumeDeployRoles))
                        .withResourcePolicy(trustsWorker));
        IamDecision other = evaluator.evaluate(
                IamRequest.of(otherRole, "sts:AssumeRole", deployRole, SHARED_ACCOUNT, List.of(assumeDeployRoles))
                        .withResourcePolicy(trustsWorker));

        assertThat(worker.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(worker.reason()).contains("Sid TrustWorker in the resource policy");
        assertThat(other.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(other.reason()).contains("the resource policy does not allow the caller's account 100000000003 or role");
    }

    @Test
    void evaluate_wildcardActionAllowsOnlyTheActionsItMatches() {
        String describeSageMaker = policy("""
                {"Sid": "DescribeSageMaker", "Effect": "Allow", "Action": "sagemaker:Describe*", "Resource": "*"}""");
        String modelPackage = "arn:aws:sagemaker:eu-west-1:" + WORKER_ACCOUNT + ":model-package/churn/3";

        IamDecision describe = evaluator.evaluate(IamRequest.of(WORKER, "sagemaker:DescribeModelPackage", modelPackage,
                WORKER_ACCOUNT, List.of(describeSageMaker)));
        IamDecision delete = evaluator.evaluate(IamRequest.of(WORKER, "sagemaker:DeleteModelPackage", modelPackage,
                WORKER_ACCOUNT, List.of(describeSageMaker)));

        assertThat(describe.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(delete.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void evaluate_crossAccountKeyPolicyConditionOnThePrincipalArnIsChecked() {
        String decrypt = policy("""
                {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}""");
        String keyPolicy = policy("""
                {"Sid": "SluiceRolesDecrypt", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000003:root"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::100000000003:role/Sluice*"}}}""");
        String key = "arn:aws:kms:eu-west-1:" + SHARED_ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";

        IamDecision worker = evaluator.evaluate(
                IamRequest.of(WORKER, "kms:Decrypt", key, SHARED_ACCOUNT, List.of(decrypt)).withResourcePolicy(keyPolicy));
        IamDecision other = evaluator.evaluate(
                IamRequest.of("arn:aws:iam::" + WORKER_ACCOUNT + ":role/Analyst", "kms:Decrypt", key, SHARED_ACCOUNT,
                        List.of(decrypt)).withResourcePolicy(keyPolicy));

        assertThat(worker.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(other.decision()).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void evaluate_rejectsAnActionMissingFromTheServiceAuthorizationReference() {
        var request = IamRequest.of(WORKER, "s3:GetObjekt", OBJECT, WORKER_ACCOUNT, List.of(policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*"}""")));

        assertThatThrownBy(() -> evaluator.evaluate(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3:GetObjekt")
                .hasMessageContaining("not in the Service Authorization Reference");
    }

    @Test
    void evaluateAll_answersEachRequestInOrder() {
        List<IamDecision> decisions = evaluator.evaluateAll(List.of(
                IamRequest.of(WORKER, "s3:PutObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS)),
                IamRequest.of(WORKER, "s3:GetObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS)),
                IamRequest.of(WORKER, "s3:GetObject", OBJECT, SHARED_ACCOUNT, List.of(READ_OBJECTS))));

        assertThat(decisions).extracting(IamDecision::decision)
                .containsExactly(Decision.IMPLICITLY_DENIED, Decision.ALLOWED, Decision.IMPLICITLY_DENIED);
    }

    @Test
    void evaluate_givesEachConcurrentCallerItsOwnAnswer() throws Exception {
        var allowed = IamRequest.of(WORKER, "s3:GetObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS));
        var denied = IamRequest.of(WORKER, "s3:DeleteObject", OBJECT, WORKER_ACCOUNT, List.of(READ_OBJECTS));
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                var request = i % 2 == 0 ? allowed : denied;
                answers.add(pool.submit(() -> evaluator.evaluate(request).allowed()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("answer %d", i).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void start_failsWithTheInstallCommandWhenThePackagesAreMissing(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("evaluate.mjs"), "");

        assertThatThrownBy(() -> IamPolicyEvaluator.start(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run sandbox/local-tools.sh");
    }

    private static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}";
    }
}
