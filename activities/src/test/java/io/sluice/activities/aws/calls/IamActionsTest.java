package io.sluice.activities.aws.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class IamActionsTest {
    private static final String ACCOUNT = "100000000003";
    private static final String REGION = "us-east-1";

    @Test
    void uploadPartCopy_needsPutObjectOnTheTargetAndGetObjectOnTheSource() {
        var request = UploadPartCopyRequest.builder().sourceBucket("dev-bucket").sourceKey("build/model.tar.gz")
                .destinationBucket("shared-bucket").destinationKey("models/v1/model.tar.gz").uploadId("u").partNumber(1).build();

        assertThat(IamActions.of("S3", "UploadPartCopy", request, ACCOUNT, REGION).permissions()).containsExactly(
                new IamPermission("s3:PutObject", "arn:aws:s3:::shared-bucket/models/v1/model.tar.gz"),
                new IamPermission("s3:GetObject", "arn:aws:s3:::dev-bucket/build/model.tar.gz"));
    }

    @Test
    void s3_operationsWhoseActionHasAnotherName_mapToTheirAction() {
        var head = HeadObjectRequest.builder().bucket("b").key("k").build();

        assertThat(IamActions.of("S3", "HeadObject", head, ACCOUNT, REGION).permissions())
                .containsExactly(new IamPermission("s3:GetObject", "arn:aws:s3:::b/k"));
        assertThat(IamActions.of("S3", "ListBuckets", ListBucketsRequest.builder().build(), ACCOUNT, REGION).permissions())
                .containsExactly(new IamPermission("s3:ListAllMyBuckets", "*"));
    }

    @Test
    void sageMakerCallsThatHandOverARole_needPassRoleToSageMaker() {
        var request = CreateTrainingJobRequest.builder().trainingJobName("Credit-Risk-Train")
                .roleArn("arn:aws:iam::100000000003:role/SluiceSageMakerExecution").build();

        var required = IamActions.of("SageMaker", "CreateTrainingJob", request, ACCOUNT, REGION);

        assertThat(required.permissions()).containsExactly(
                new IamPermission("sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:100000000003:training-job/credit-risk-train"),
                new IamPermission("iam:PassRole", "arn:aws:iam::100000000003:role/SluiceSageMakerExecution"));
        assertThat(required.context()).isEqualTo(Map.of("iam:PassedToService", List.of("sagemaker.amazonaws.com")));
    }

    @Test
    void processingJobWithAnAthenaInput_needsItsRoleToRunTheQueryReadTheCatalogAndWriteTheResult() {
        var request = CreateProcessingJobRequest.builder().processingJobName("credit-risk-proc")
                .roleArn("arn:aws:iam::100000000003:role/SluiceSageMakerExecution")
                .processingInputs(ProcessingInput.builder().inputName("applications").datasetDefinition(dataset -> dataset
                        .localPath("/opt/ml/processing/applications").athenaDatasetDefinition(athena -> athena
                                .catalog("AwsDataCatalog").database("credit").queryString("SELECT * FROM applications")
                                .outputS3Uri("s3://dev-bucket/athena/credit-risk-proc/applications/").outputFormat("PARQUET")))
                        .build())
                .build();

        var onBehalf = IamActions.of("SageMaker", "CreateProcessingJob", request, ACCOUNT, REGION).onBehalf();

        assertThat(onBehalf).singleElement().satisfies(role -> assertThat(role.permissions()).contains(
                new IamPermission("athena:StartQueryExecution", "arn:aws:athena:us-east-1:100000000003:workgroup/primary"),
                new IamPermission("athena:GetQueryExecution", "arn:aws:athena:us-east-1:100000000003:workgroup/primary"),
                new IamPermission("glue:GetDatabase", "arn:aws:glue:us-east-1:100000000003:database/credit"),
                new IamPermission("glue:GetTable", "arn:aws:glue:us-east-1:100000000003:table/credit/*"),
                new IamPermission("lakeformation:GetDataAccess", "*"),
                new IamPermission("s3:PutObject", "arn:aws:s3:::dev-bucket/athena/credit-risk-proc/applications/*"),
                new IamPermission("s3:GetObject", "arn:aws:s3:::dev-bucket/athena/credit-risk-proc/applications/*")));
    }

    @Test
    void sageMakerResources_comeFromArnsOrNamesOfTheRequest() {
        var create = CreateModelPackageRequest.builder().modelPackageGroupName("credit-risk").build();
        var list = ListModelPackagesRequest.builder().modelPackageGroupName("credit-risk").build();

        assertThat(IamActions.of("SageMaker", "CreateModelPackage", create, ACCOUNT, REGION).permissions()).containsExactly(
                new IamPermission("sagemaker:CreateModelPackage", "arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/*"));
        assertThat(IamActions.of("SageMaker", "ListModelPackages", list, ACCOUNT, REGION).permissions())
                .containsExactly(new IamPermission("sagemaker:ListModelPackages", "*"));
    }

    @Test
    void ecr_repositoryOfAnotherRegistry_isThatAccountsRepository() {
        var request = BatchGetImageRequest.builder().registryId("100000000004").repositoryName("credit-risk").build();

        assertThat(IamActions.of("Ecr", "BatchGetImage", request, ACCOUNT, REGION).permissions()).containsExactly(
                new IamPermission("ecr:BatchGetImage", "arn:aws:ecr:us-east-1:100000000004:repository/credit-risk"));
        assertThat(IamActions.of("Ecr", "GetAuthorizationToken", GetAuthorizationTokenRequest.builder().build(), ACCOUNT, REGION)
                .permissions()).containsExactly(new IamPermission("ecr:GetAuthorizationToken", "*"));
    }

    @Test
    void glueTable_needsTheActionOnCatalogDatabaseAndTableOfTheCatalogsAccount() {
        var request = GetTableRequest.builder().catalogId("100000000001").databaseName("credit").name("applications").build();

        assertThat(IamActions.of("Glue", "GetTable", request, ACCOUNT, REGION).permissions()).containsExactly(
                new IamPermission("glue:GetTable", "arn:aws:glue:us-east-1:100000000001:catalog"),
                new IamPermission("glue:GetTable", "arn:aws:glue:us-east-1:100000000001:database/credit"),
                new IamPermission("glue:GetTable", "arn:aws:glue:us-east-1:100000000001:table/credit/applications"));
    }

    @Test
    void stackAndRoleResources_areNamedByTheRequest() {
        var changeSet = CreateChangeSetRequest.builder().stackName("sluice-credit-risk-test").changeSetName("c").build();
        var assume = AssumeRoleRequest.builder().roleArn("arn:aws:iam::100000000004:role/SluiceWorker").roleSessionName("s").build();

        assertThat(IamActions.of("CloudFormation", "CreateChangeSet", changeSet, ACCOUNT, REGION).permissions()).containsExactly(
                new IamPermission("cloudformation:CreateChangeSet",
                        "arn:aws:cloudformation:us-east-1:100000000003:stack/sluice-credit-risk-test/*"));
        assertThat(IamActions.of("Sts", "AssumeRole", assume, ACCOUNT, REGION).permissions())
                .containsExactly(new IamPermission("sts:AssumeRole", "arn:aws:iam::100000000004:role/SluiceWorker"));
    }
}
