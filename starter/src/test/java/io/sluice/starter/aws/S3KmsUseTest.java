package io.sluice.starter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.activities.aws.calls.AwsCall;
import io.sluice.activities.aws.calls.IamPermission;
import io.sluice.sandbox.proof.IamDecision.Decision;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.sandbox.proof.IamRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class S3KmsUseTest {
    private static final String SHARED = "100000000004";
    private static final String TEST = "100000000005";
    private static final String KEY = "arn:aws:kms:us-east-1:" + SHARED + ":key/artifacts";
    private static final String OTHER_KEY = "arn:aws:kms:us-east-1:" + SHARED + ":key/other";
    private static final String SHARED_WORKER = "arn:aws:iam::" + SHARED + ":role/SluiceWorker";
    private static final String TEST_EXECUTION = "arn:aws:iam::" + TEST + ":role/SluiceSageMakerExecution";
    private static final String OBJECT = "arn:aws:s3:::shared-artifacts/models/model.tar.gz";
    private static final Map<String, List<String>> VIA_S3 = Map.of("kms:ViaService", List.of("s3.us-east-1.amazonaws.com"),
            "kms:CallerAccount", List.of(TEST));
    /** The shared-services template's key policy: the account's IAM decides for its roles, test may decrypt through S3. */
    private static final String KEY_POLICY = """
            {"Version": "2012-10-17", "Statement": [
             {"Sid": "SharedAccountIam", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000004:root"},
              "Action": "kms:*", "Resource": "*"},
             {"Sid": "TestDecryptThroughS3", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::100000000005:root"},
              "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
              "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}""";
    private static final String DECRYPT_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
             "Resource": "arn:aws:kms:us-east-1:100000000004:key/artifacts"}]}""";

    private static IamPolicyEvaluator evaluator;
    private final S3KmsUse kmsUse = new S3KmsUse("us-east-1",
            bucket -> bucket.equals("shared-artifacts") ? Optional.of(KEY) : Optional.empty());

    @BeforeAll
    static void startEvaluator() {
        evaluator = IamPolicyEvaluator.start();
    }

    @AfterAll
    static void stopEvaluator() {
        evaluator.close();
    }

    @Test
    void of_aSinglePutObject_needsADataKeyOfTheBucketsKeyOnly() {
        assertThat(actions(call("PutObject", PutObjectRequest.builder().build(), AwsCall.Kind.API), "s3:PutObject", OBJECT))
                .containsExactly("kms:GenerateDataKey on " + KEY);
    }

    @Test
    void of_aMultipartUploadPart_needsADataKeyAndDecrypt() {
        assertThat(actions(call("UploadPart", PutObjectRequest.builder().build(), AwsCall.Kind.API), "s3:PutObject", OBJECT))
                .containsExactly("kms:GenerateDataKey on " + KEY, "kms:Decrypt on " + KEY);
    }

    @Test
    void of_aPutObjectNamingItsOwnKey_needsThatKey() {
        var put = PutObjectRequest.builder().serverSideEncryption("aws:kms").ssekmsKeyId(OTHER_KEY).build();

        assertThat(actions(call("PutObject", put, AwsCall.Kind.API), "s3:PutObject", OBJECT))
                .containsExactly("kms:GenerateDataKey on " + OTHER_KEY);
    }

    @Test
    void of_readsNeedDecryptButHeadObjectNeedsNoKey() {
        assertThat(actions(call("GetObject", GetObjectRequest.builder().build(), AwsCall.Kind.API), "s3:GetObject", OBJECT))
                .containsExactly("kms:Decrypt on " + KEY);
        assertThat(actions(call("CopyObject", GetObjectRequest.builder().build(), AwsCall.Kind.API), "s3:GetObject", OBJECT))
                .containsExactly("kms:Decrypt on " + KEY);
        assertThat(actions(call("HeadObject", GetObjectRequest.builder().build(), AwsCall.Kind.API), "s3:GetObject", OBJECT))
                .isEmpty();
    }

    @Test
    void of_whatAJobReadsAsItsRole_needsDecrypt() {
        assertThat(actions(call("CreateModel", GetObjectRequest.builder().build(), AwsCall.Kind.ON_BEHALF), "s3:GetObject", OBJECT))
                .containsExactly("kms:Decrypt on " + KEY);
    }

    @Test
    void of_anObjectInABucketWithoutAKmsKey_orABucketItself_needsNothing() {
        var get = call("GetObject", GetObjectRequest.builder().build(), AwsCall.Kind.API);

        assertThat(actions(get, "s3:GetObject", "arn:aws:s3:::dev-artifacts/models/model.tar.gz")).isEmpty();
        assertThat(actions(get, "s3:ListBucket", "arn:aws:s3:::shared-artifacts")).isEmpty();
    }

    @Test
    void keyPolicy_letsTheTestAccountDecryptThroughS3Only() {
        assertThat(decide(TEST_EXECUTION, "kms:Decrypt", VIA_S3)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(TEST_EXECUTION, "kms:Decrypt", Map.of("kms:ViaService", List.of("sagemaker.us-east-1.amazonaws.com"))))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(decide(TEST_EXECUTION, "kms:GenerateDataKey", VIA_S3)).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void keyPolicy_withoutTheAccountStatement_deniesTheKeysOwnAccountWhateverItsIamSays() {
        String ownerLeftOut = KEY_POLICY.replace("arn:aws:iam::100000000004:root", "arn:aws:iam::100000000009:root");

        assertThat(decide(SHARED_WORKER, "kms:GenerateDataKey", VIA_S3, KEY_POLICY)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(SHARED_WORKER, "kms:GenerateDataKey", VIA_S3, ownerLeftOut)).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    private List<String> actions(AwsCall call, String action, String resource) {
        return kmsUse.of(call, new IamPermission(action, resource)).stream()
                .map(kms -> kms.permission().action() + " on " + kms.permission().resourceArn()).toList();
    }

    private static AwsCall call(String operation, SdkRequest request, AwsCall.Kind kind) {
        return new AwsCall("test", TEST, TEST_EXECUTION, "S3", operation, List.of(), Map.of(), request, kind);
    }

    private static Decision decide(String principal, String action, Map<String, List<String>> context) {
        return decide(principal, action, context, KEY_POLICY);
    }

    private static Decision decide(String principal, String action, Map<String, List<String>> context, String keyPolicy) {
        return evaluator.evaluate(new IamRequest(principal, action, KEY, SHARED, List.of(DECRYPT_POLICY), keyPolicy, context))
                .decision();
    }
}
