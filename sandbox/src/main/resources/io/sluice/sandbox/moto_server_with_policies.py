# Runs moto's server with the parts of AWS that deploy/aws relies on and moto 5 leaves out, so
# that the local stack holds every policy the templates and activities write, as AWS would:
#   AWS::S3::BucketPolicy               moto's CloudFormation skips the resource type (no policy)
#   AWS::ECR::Repository                moto's CloudFormation ignores RepositoryPolicyText
#   AWS::LakeFormation::DataLakeSettings moto's CloudFormation skips the resource type (no admins)
#   sagemaker Put/Get/DeleteModelPackageGroupPolicy   moto does not implement them (HTTP 500)
# moto's own bucket-policy enforcement is turned off: it ignores conditions, so the templates'
# deny of non-TLS requests would refuse every request. Policies are judged by `sluice aws check`'s
# IAM evaluator, which reads them back from here. Everything else is moto's own. Arguments are moto_server's (-H host -p port).
import json
import sys

from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.ecr.models import Repository, ecr_backends
from moto.lakeformation.models import lakeformation_backends
from moto.iam.access_control import PermissionResult
from moto.s3.models import FakeBucket, s3_backends
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import sagemaker_backends
from moto.sagemaker.responses import SageMakerResponse
from moto.server import main


def _policy_text(document):
    return document if isinstance(document, str) else json.dumps(document)


class BucketPolicy(CloudFormationModel):
    """AWS::S3::BucketPolicy: the bucket's policy, replaced on update and removed on delete."""

    # moto files each model under the service its module names.
    __module__ = "moto.s3.models"

    def __init__(self, account_id, bucket, document):
        self.account_id = account_id
        self.bucket = bucket
        self.document = document

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::S3::BucketPolicy"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @property
    def physical_resource_id(self):
        return self.bucket

    def is_created(self):
        return True

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        bucket = properties["Bucket"]
        document = _policy_text(properties["PolicyDocument"])
        s3_backends[account_id]["aws"].put_bucket_policy(bucket, document.encode("utf-8"))
        return cls(account_id, bucket, document)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        bucket = cloudformation_json["Properties"]["Bucket"]
        s3_backends[account_id]["aws"].delete_bucket_policy(bucket)


class DataLakeSettings(CloudFormationModel):
    """AWS::LakeFormation::DataLakeSettings: the account's data lake administrators and defaults."""

    __module__ = "moto.lakeformation.models"

    def __init__(self, account_id):
        self.account_id = account_id

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::LakeFormation::DataLakeSettings"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @property
    def physical_resource_id(self):
        return self.account_id

    def is_created(self):
        return True

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        backend = lakeformation_backends[account_id][region_name]
        settings = dict(backend.get_data_lake_settings(account_id))
        admins = [{"DataLakePrincipalIdentifier": admin["DataLakePrincipalIdentifier"]}
                  for admin in properties.get("Admins", [])]
        if properties.get("MutationType", "REPLACE") == "APPEND":
            known = settings.get("DataLakeAdmins", [])
            admins = known + [admin for admin in admins if admin not in known]
        settings["DataLakeAdmins"] = admins
        for key in ("CreateDatabaseDefaultPermissions", "CreateTableDefaultPermissions"):
            if key in properties:
                settings[key] = [{"Principal": {"DataLakePrincipalIdentifier": each["Principal"]["DataLakePrincipalIdentifier"]},
                                  "Permissions": each.get("Permissions", [])} for each in properties[key]]
        if "TrustedResourceOwners" in properties:
            settings["TrustedResourceOwners"] = properties["TrustedResourceOwners"]
        backend.put_data_lake_settings(account_id, settings)
        return cls(account_id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        backend = lakeformation_backends[account_id][region_name]
        settings = dict(backend.get_data_lake_settings(account_id))
        settings["DataLakeAdmins"] = []
        backend.put_data_lake_settings(account_id, settings)


FakeBucket.get_permission = lambda self, action, resource: PermissionResult.NEUTRAL


def _with_repository_policy(create):
    def create_with_policy(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        repository = create.__func__(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        policy = cloudformation_json["Properties"].get("RepositoryPolicyText")
        if policy:
            ecr_backends[account_id][region_name].set_repository_policy(
                repository.registry_id, repository.name, _policy_text(policy))
        return repository
    return classmethod(create_with_policy)


def _with_updated_repository_policy(update):
    def update_with_policy(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        repository = update.__func__(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                     region_name)
        backend = ecr_backends[account_id][region_name]
        policy = cloudformation_json["Properties"].get("RepositoryPolicyText")
        if policy:
            backend.set_repository_policy(repository.registry_id, repository.name, _policy_text(policy))
        elif repository.policy:
            backend.delete_repository_policy(repository.registry_id, repository.name)
        return repository
    return classmethod(update_with_policy)


Repository.create_from_cloudformation_json = _with_repository_policy(Repository.create_from_cloudformation_json)
Repository.update_from_cloudformation_json = _with_updated_repository_policy(Repository.update_from_cloudformation_json)


def _model_package_group(response):
    backend = sagemaker_backends[response.current_account][response.region]
    name = response._get_param("ModelPackageGroupName")
    return backend.describe_model_package_group(model_package_group_name=name.split("/")[-1])


def put_model_package_group_policy(self):
    group = _model_package_group(self)
    policy = self._get_param("ResourcePolicy")
    try:
        json.loads(policy)
    except (TypeError, ValueError):
        raise ValidationError("ResourcePolicy is not a valid JSON policy document")
    group.resource_policy = policy
    return ActionResult({"ModelPackageGroupArn": group.arn})


def get_model_package_group_policy(self):
    group = _model_package_group(self)
    policy = getattr(group, "resource_policy", None)
    if policy is None:
        raise ValidationError(f"Cannot find resource policy for {group.arn}")
    return ActionResult({"ResourcePolicy": policy})


def delete_model_package_group_policy(self):
    group = _model_package_group(self)
    group.resource_policy = None
    return ActionResult({})


SageMakerResponse.put_model_package_group_policy = put_model_package_group_policy
SageMakerResponse.get_model_package_group_policy = get_model_package_group_policy
SageMakerResponse.delete_model_package_group_policy = delete_model_package_group_policy

if __name__ == "__main__":
    main(sys.argv[1:])
