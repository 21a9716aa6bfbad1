package io.sluice.sandbox.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.ListStacksRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageGroupRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateWorkforceRequest;
import software.amazon.awssdk.services.sagemaker.model.CustomFileSystem;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;
import software.amazon.awssdk.services.sagemaker.model.UpdateSpaceRequest;

class RequestShapeValidatorTest {
    private static final String ACCOUNT = "123456789012";
    private static final String IMAGE = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/credit-risk:1.0";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/SluiceSageMakerExecution";

    private static CreateModelPackageRequest.Builder modelPackage() {
        return CreateModelPackageRequest.builder()
                .modelPackageGroupName("credit-risk")
                .modelPackageDescription("XGBoost credit risk model, trained on credit_risk.csv")
                .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                .inferenceSpecification(specification -> specification
                        .containers(ModelPackageContainerDefinition.builder()
                                .image(IMAGE)
                                .modelDataUrl("s3://sluice-dev-" + ACCOUNT + "/models/credit-risk/model.tar.gz")
                                .build())
                        .supportedContentTypes("text/csv")
                        .supportedResponseMIMETypes("text/csv"))
                .customerMetadataProperties(Map.of("sluice:input:0", "credit_risk.csv=glue://db/t"))
                .tags(Tag.builder().key("sluice:run").value("run-1").build());
    }

    private static CreateTrainingJobRequest.Builder trainingJob() {
        return CreateTrainingJobRequest.builder()
                .trainingJobName("credit-risk-run-1")
                .roleArn(ROLE)
                .algorithmSpecification(algorithm -> algorithm
                        .trainingImage(IMAGE)
                        .trainingInputMode(TrainingInputMode.FILE))
                .outputDataConfig(output -> output.s3OutputPath("s3://sluice-dev-" + ACCOUNT + "/training/"))
                .resourceConfig(resources -> resources
                        .instanceType(TrainingInstanceType.ML_M5_XLARGE)
                        .instanceCount(1)
                        .volumeSizeInGB(10))
                .stoppingCondition(stopping -> stopping.maxRuntimeInSeconds(3600));
    }

    private static String sageMakerPattern(String shape) {
        return ServiceModels.forService("sagemaker").shape(shape).pattern().orElseThrow();
    }

    private static List<String> messages(List<ShapeViolation> violations) {
        return violations.stream().map(ShapeViolation::toString).collect(Collectors.toList());
    }

    @Test
    void validCreateModelPackage_hasNoViolation() {
        assertThat(RequestShapeValidator.validate("SageMaker", "CreateModelPackage", modelPackage().build()))
                .isEmpty();
    }

    @Test
    void customerMetadataValueWithQuestionMark_isAPatternViolationNamingTheMapKey() {
        var request = modelPackage()
                .customerMetadataProperties(Map.of("sluice:input:0", "credit_risk.csv=glue://db/t?account=producer"))
                .build();

        List<ShapeViolation> violations = RequestShapeValidator.validate("SageMaker", "CreateModelPackage", request);

        String pattern = sageMakerPattern("CustomerMetadataValue");
        assertThat(violations).containsExactly(new ShapeViolation("CreateModelPackage",
                "CustomerMetadataProperties['sluice:input:0']", "credit_risk.csv=glue://db/t?account=producer",
                "does not match " + pattern));
        assertThat(violations.get(0)).hasToString("CreateModelPackage CustomerMetadataProperties['sluice:input:0']: "
                + "value 'credit_risk.csv=glue://db/t?account=producer' does not match " + pattern);
    }

    @Test
    void customerMetadataKeyWithQuestionMark_isAPatternViolationOfTheKey() {
        var request = modelPackage().customerMetadataProperties(Map.of("input?0", "credit_risk.csv")).build();

        assertThat(messages(RequestShapeValidator.validate("SageMaker", "CreateModelPackage", request)))
                .containsExactly("CreateModelPackage CustomerMetadataProperties{key}: value 'input?0' does not match "
                        + sageMakerPattern("CustomerMetadataKey"));
    }

    @Test
    void missingRequiredMember_isNamed() {
        var request = CreateModelRequest.builder()
                .executionRoleArn(ROLE)
                .primaryContainer(container -> container.image(IMAGE))
                .build();

        assertThat(messages(RequestShapeValidator.validate("SageMaker", "CreateModel", request)))
                .containsExactly("CreateModel ModelName: required member is missing");
    }

    @Test
    void missingRequiredMemberOfANestedStructure_isNamedByItsPath() {
        var request = modelPackage().inferenceSpecification(specification -> specification
                .supportedContentTypes("text/csv")).build();

        assertThat(messages(RequestShapeValidator.validate("SageMaker", "CreateModelPackage", request)))
                .containsExactly("CreateModelPackage InferenceSpecification.Containers: required member is missing");
    }

    @Test
    void valueOutsideTheEnum_isRefused() {
        var request = modelPackage().modelApprovalStatus("Bogus").build();

        List<ShapeViolation> violations = RequestShapeValidator.validate("SageMaker", "CreateModelPackage", request);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.memberPath()).isEqualTo("ModelApprovalStatus");
            assertThat(violation.value()).isEqualTo("Bogus");
            assertThat(violation.constraint()).startsWith("is not one of ModelApprovalStatus [")
                    .contains("Approved", "Rejected", "PendingManualApproval");
        });
    }

    @Test
    void stringOverItsMaximumLength_isRefusedAndOneAtTheMaximumIsNot() {
        String sixtyThree = "a" + "-a".repeat(31);
        String sixtyFour = "a" + "--a" + "-a".repeat(30);
        var atMaximum = CreateModelPackageGroupRequest.builder().modelPackageGroupName(sixtyThree).build();
        var overMaximum = CreateModelPackageGroupRequest.builder().modelPackageGroupName(sixtyFour).build();

        assertThat(RequestShapeValidator.validate("SageMaker", "CreateModelPackageGroup", atMaximum)).isEmpty();
        assertThat(RequestShapeValidator.validate("SageMaker", "CreateModelPackageGroup", overMaximum))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.memberPath()).isEqualTo("ModelPackageGroupName");
                    assertThat(violation.constraint())
                            .isEqualTo("is 64 characters long, longer than the maximum of 63");
                });
    }

    @Test
    void listOverItsMaximumSize_isRefusedAndOneAtTheMaximumIsNot() {
        List<Tag> fiftyTags = IntStream.range(0, 50)
                .mapToObj(index -> Tag.builder().key("key-" + index).value("value").build())
                .collect(Collectors.toList());
        List<Tag> fiftyOneTags = new ArrayList<>(fiftyTags);
        fiftyOneTags.add(Tag.builder().key("one-too-many").value("value").build());

        assertThat(RequestShapeValidator.validate("SageMaker", "CreateModelPackage",
                modelPackage().tags(fiftyTags).build())).isEmpty();
        assertThat(messages(RequestShapeValidator.validate("SageMaker", "CreateModelPackage",
                modelPackage().tags(fiftyOneTags).build())))
                .containsExactly("CreateModelPackage Tags: has 51 elements, more than the maximum of 50");
    }

    @Test
    void validCreateTrainingJob_hasNoViolation() {
        assertThat(RequestShapeValidator.validate("SageMaker", "CreateTrainingJob", trainingJob().build())).isEmpty();
    }

    @Test
    void nestedMembersBreakingTheirShapes_areNamedByTheirPaths() {
        var request = trainingJob()
                .algorithmSpecification(algorithm -> algorithm
                        .trainingImage("x".repeat(256))
                        .trainingInputMode(TrainingInputMode.FILE))
                .outputDataConfig(output -> output.s3OutputPath("gs://sluice-dev/training/"))
                .resourceConfig(resources -> resources
                        .instanceType(TrainingInstanceType.ML_M5_XLARGE)
                        .instanceCount(-1)
                        .volumeSizeInGB(10))
                .build();

        assertThat(RequestShapeValidator.validate("SageMaker", "CreateTrainingJob", request))
                .extracting(ShapeViolation::memberPath, ShapeViolation::constraint)
                .containsExactly(
                        tuple("AlgorithmSpecification.TrainingImage",
                                "is 256 characters long, longer than the maximum of 255"),
                        tuple("OutputDataConfig.S3OutputPath",
                                "does not match " + sageMakerPattern("S3Uri")),
                        tuple("ResourceConfig.InstanceCount",
                                "is less than the minimum of 0"));
    }

    @Test
    void listElementBreakingItsShape_isNamedByIndex() {
        var request = CreateModelRequest.builder()
                .modelName("credit-risk")
                .executionRoleArn(ROLE)
                .containers(ContainerDefinition.builder().image(IMAGE).build(),
                        ContainerDefinition.builder().image("not an image").build())
                .build();

        assertThat(messages(RequestShapeValidator.validate("SageMaker", "CreateModel", request)))
                .containsExactly("CreateModel Containers[1].Image: value 'not an image' does not match "
                        + sageMakerPattern("ContainerImage"));
    }

    @Test
    void unionWithTwoMembersSet_isRefused() {
        var request = UpdateSpaceRequest.builder()
                .domainId("d-abc123")
                .spaceName("space")
                .spaceSettings(settings -> settings.customFileSystems(CustomFileSystem.builder()
                        .efsFileSystem(efs -> efs.fileSystemId("fs-0123456789abcdef0"))
                        .s3FileSystem(s3 -> s3.s3Uri("s3://sluice-dev/space/"))
                        .build()))
                .build();

        assertThat(messages(RequestShapeValidator.validate("SageMaker", "UpdateSpace", request)))
                .containsExactly("UpdateSpace SpaceSettings.CustomFileSystems[0]: sets 2 members of union "
                        + "CustomFileSystem; exactly one must be set");
    }

    @Test
    void sensitiveValue_isNotEchoed() {
        String secret = "line one\nline two";
        var request = CreateWorkforceRequest.builder()
                .workforceName("sluice")
                .oidcConfig(oidc -> oidc
                        .clientId("client")
                        .clientSecret(secret)
                        .issuer("https://issuer.example.com")
                        .authorizationEndpoint("https://issuer.example.com/authorize")
                        .tokenEndpoint("https://issuer.example.com/token")
                        .userInfoEndpoint("https://issuer.example.com/userinfo")
                        .logoutEndpoint("https://issuer.example.com/logout")
                        .jwksUri("https://issuer.example.com/jwks"))
                .build();

        assertThat(RequestShapeValidator.validate("SageMaker", "CreateWorkforce", request))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.memberPath()).isEqualTo("OidcConfig.ClientSecret");
                    assertThat(violation.value()).isEqualTo("*** sensitive, 17 characters ***");
                    assertThat(violation.toString()).doesNotContain("line");
                });
    }

    @Test
    void s3UploadRequests_pass() {
        var putObject = PutObjectRequest.builder()
                .bucket("sluice-dev-" + ACCOUNT)
                .key("models/credit-risk/model.tar.gz")
                .contentType("application/x-gzip")
                .serverSideEncryption(ServerSideEncryption.AES256)
                .metadata(Map.of("sluice-run", "run-1"))
                .build();
        var createMultipartUpload = CreateMultipartUploadRequest.builder()
                .bucket("sluice-dev-" + ACCOUNT)
                .key("datasets/credit_risk.csv")
                .storageClass(StorageClass.STANDARD)
                .build();

        assertThat(RequestShapeValidator.validate("S3", "PutObject", putObject)).isEmpty();
        assertThat(RequestShapeValidator.validate("S3", "CreateMultipartUpload", createMultipartUpload)).isEmpty();
    }

    @Test
    void s3ObjectKeyThatIsEmpty_isRefused() {
        var putObject = PutObjectRequest.builder().bucket("sluice-dev-" + ACCOUNT).key("").build();

        assertThat(messages(RequestShapeValidator.validate("S3", "PutObject", putObject)))
                .containsExactly("PutObject Key: is 0 characters long, shorter than the minimum of 1");
    }

    @Test
    void s3CopyObject_readsTheSdksRenamedMembersAsTheModelsOwn() {
        var copy = CopyObjectRequest.builder()
                .sourceBucket("sluice-shared-" + ACCOUNT)
                .sourceKey("models/credit-risk/model.tar.gz")
                .destinationBucket("sluice-dev-" + ACCOUNT)
                .destinationKey("models/credit-risk/model.tar.gz")
                .build();
        var copyToEmptyKey = copy.toBuilder().destinationKey("").build();
        var copyWithoutSource = CopyObjectRequest.builder()
                .destinationBucket("sluice-dev-" + ACCOUNT)
                .destinationKey("models/credit-risk/model.tar.gz")
                .build();

        assertThat(RequestShapeValidator.validate("S3", "CopyObject", copy)).isEmpty();
        assertThat(messages(RequestShapeValidator.validate("S3", "CopyObject", copyToEmptyKey)))
                .containsExactly("CopyObject Key: is 0 characters long, shorter than the minimum of 1");
        assertThat(messages(RequestShapeValidator.validate("S3", "CopyObject", copyWithoutSource)))
                .containsExactly("CopyObject CopySource: required member is missing");
    }

    @Test
    void cloudFormationListStacks_readsTheSdksRenamedFilterAsTheModelsOwn() {
        var request = ListStacksRequest.builder().stackStatusFiltersWithStrings("CREATE_COMPLETE", "BOGUS").build();

        assertThat(RequestShapeValidator.validate("CloudFormation", "ListStacks", request))
                .extracting(ShapeViolation::memberPath, ShapeViolation::value)
                .containsExactly(tuple("StackStatusFilter[1]", "BOGUS"));
    }

    @Test
    void supplementaryCharacters_matchTheSurrogatePairRangesOfGluePatterns() {
        var withEmoji = CreateDatabaseRequest.builder()
                .databaseInput(database -> database.name("credit_risk").description("credit risk \uD83D\uDCB3"))
                .build();
        var withControlCharacter = CreateDatabaseRequest.builder()
                .databaseInput(database -> database.name("credit_risk").description("credit\u0001risk"))
                .build();

        assertThat(RequestShapeValidator.validate("Glue", "CreateDatabase", withEmoji)).isEmpty();
        assertThat(RequestShapeValidator.validate("Glue", "CreateDatabase", withControlCharacter))
                .extracting(ShapeViolation::memberPath)
                .containsExactly("DatabaseInput.Description");
    }

    @Test
    void unknownService_isRefused() {
        var request = modelPackage().build();

        assertThatThrownBy(() -> RequestShapeValidator.validate("Lambda", "CreateModelPackage", request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no botocore model is mapped for SDK service 'Lambda'");
    }

    @Test
    void unknownOperation_isRefused() {
        var request = modelPackage().build();

        assertThatThrownBy(() -> RequestShapeValidator.validate("SageMaker", "CreateModelPackages", request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no operation CreateModelPackages");
    }

    @Test
    void longValue_isCutInTheViolation() {
        var request = CreateModelRequest.builder()
                .modelName("credit-risk")
                .primaryContainer(container -> container.image(IMAGE).modelDataUrl("ftp://" + "a".repeat(300)))
                .build();

        assertThat(RequestShapeValidator.validate("SageMaker", "CreateModel", request))
                .singleElement().satisfies(violation -> assertThat(violation.value())
                        .isEqualTo("ftp://" + "a".repeat(94) + "… (306 characters)"));
    }

    @Test
    void patternJavaCannotCompile_isReportedNotSkipped(@TempDir Path data) throws IOException {
        Path model = data.resolve("s3/2006-03-01/service-2.json");
        Files.createDirectories(model.getParent());
        Files.writeString(model, """
                {"operations": {"PutObject": {"input": {"shape": "PutObjectRequest"}}},
                 "shapes": {"PutObjectRequest": {"type": "structure", "members": {"Key": {"shape": "ObjectKey"}}},
                            "ObjectKey": {"type": "string", "pattern": "[a-z"}}}
                """);
        var request = PutObjectRequest.builder().bucket("sluice-dev-" + ACCOUNT).key("k").build();

        List<ShapeViolation> violations;
        String previous = System.getProperty(ServiceModels.DATA_DIRECTORY_PROPERTY);
        System.setProperty(ServiceModels.DATA_DIRECTORY_PROPERTY, data.toString());
        try {
            violations = RequestShapeValidator.validate("S3", "PutObject", request);
        } finally {
            if (previous == null) {
                System.clearProperty(ServiceModels.DATA_DIRECTORY_PROPERTY);
            } else {
                System.setProperty(ServiceModels.DATA_DIRECTORY_PROPERTY, previous);
            }
        }

        assertThat(messages(violations)).containsExactly("PutObject Key: value 'k' cannot be checked: the pattern [a-z"
                + " of ObjectKey does not compile in java.util.regex (Unclosed character class)");
    }
}
