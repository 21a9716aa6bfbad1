# Runs moto's server with the parts of AWS that deploy/aws relies on and moto 5 leaves out, so
# that the local stack holds every policy the templates and activities write, as AWS would:
#   AWS::S3::BucketPolicy               moto's CloudFormation skips the resource type (no policy)
#   AWS::ECR::Repository                moto's CloudFormation ignores RepositoryPolicyText
#   AWS::LakeFormation::DataLakeSettings moto's CloudFormation skips the resource type (no admins)
#   sagemaker Put/Get/DeleteModelPackageGroupPolicy   moto does not implement them (HTTP 500)
#   AWS::SageMaker::Model, EndpointConfig, Endpoint   moto's CloudFormation ignores their name
#       properties (every one gets a generated name) and replaces a custom-named model or endpoint
#       configuration under its old name; AWS refuses that update ("a custom-named resource requires
#       replacing"), fails the resource and rolls the stack back, which this does before applying
#       anything (their properties other than Tags can only be replaced).
#   CreateChangeSet                     moto makes a second change set of a name the stack already
#       has one of; AWS answers AlreadyExistsException
# moto's own bucket-policy enforcement is turned off: it ignores conditions, so the templates'
# deny of non-TLS requests would refuse every request. Policies are judged by `sluice aws check`'s
# IAM evaluator, which reads them back from here. Everything else is moto's own. Arguments are moto_server's (-H host -p port).
import json
import re
import sys

from moto.cloudformation.exceptions import AlreadyExistsException
from moto.cloudformation.models import CloudFormationBackend, Event
from moto.cloudformation.parsing import get_references_from_template
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.ecr.models import Repository, ecr_backends
from moto.lakeformation.models import lakeformation_backends
from moto.iam.access_control import PermissionResult
from moto.s3.models import FakeBucket, s3_backends
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, Model, sagemaker_backends
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

# The name property of each SageMaker resource type, and the attribute holding the name moto gave it.
_SAGEMAKER_NAMES = {
    "AWS::SageMaker::Model": ("ModelName", "model_name"),
    "AWS::SageMaker::EndpointConfig": ("EndpointConfigName", "endpoint_config_name"),
}
Model.cloudformation_name_type = staticmethod(lambda: "ModelName")
FakeEndpointConfig.cloudformation_name_type = staticmethod(lambda: "EndpointConfigName")
FakeEndpoint.cloudformation_name_type = staticmethod(lambda: "EndpointName")


def _effective_parameters(template, given):
    values = {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}
    values.update({name: str(value) for name, value in (given or {}).items()})
    return values


def _resolve(value, parameters):
    """A name property's value when it is a literal, a Ref to a parameter or a Sub of parameters; else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Ref" in value:
        return parameters.get(value["Ref"])
    if isinstance(value, dict) and isinstance(value.get("Fn::Sub"), str):
        return re.sub(r"\$\{([^}!]+)\}", lambda match: parameters.get(match.group(1), ""), value["Fn::Sub"])
    return None


def _without_tags(resource):
    return {key: value for key, value in resource.get("Properties", {}).items() if key != "Tags"}


def _refused_replacement(stack, change_set):
    """(logical id, name) of a custom-named SageMaker resource the update would replace under its old name, or None."""
    resource_map = stack.resource_map
    old_template = resource_map._template
    new_template = change_set.template_dict
    old_parameters = _effective_parameters(old_template, resource_map.input_parameters)
    new_parameters = _effective_parameters(new_template, change_set.parameters)
    changed_parameters = {name for name in new_parameters if old_parameters.get(name) != new_parameters[name]}
    old_resources = old_template.get("Resources", {})
    new_resources = new_template.get("Resources", {})
    replaced = set()
    while True:
        before = len(replaced)
        for logical, resource in new_resources.items():
            if logical in replaced or logical not in old_resources or resource.get("Type") not in _SAGEMAKER_NAMES:
                continue
            properties = _without_tags(resource)
            references = set(get_references_from_template(properties))
            if (properties != _without_tags(old_resources[logical]) or references & changed_parameters
                    or references & replaced):
                replaced.add(logical)
        if len(replaced) == before:
            break
    for logical in sorted(replaced):
        name_property, name_attribute = _SAGEMAKER_NAMES[new_resources[logical]["Type"]]
        name = _resolve(new_resources[logical].get("Properties", {}).get(name_property), new_parameters)
        current = resource_map._parsed_resources.get(logical)
        if name and current is not None and name.lower() == str(getattr(current, name_attribute, "")).lower():
            return logical, name
    return None


def _execute_change_set(execute):
    def execute_refusing_custom_named_replacement(self, change_set_name, stack_name=None):
        change_set = next((candidate for key, candidate in self.change_sets.items()
                           if change_set_name in (key, candidate.change_set_name)), None)
        if change_set is not None and change_set.change_set_type == "UPDATE":
            stack = self.stacks[change_set.stack_id]
            refused = _refused_replacement(stack, change_set)
            if refused:
                logical, name = refused
                stack._add_stack_event("UPDATE_IN_PROGRESS", resource_status_reason="User Initiated")
                stack.events.append(Event(stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical,
                                          physical_resource_id=name, resource_type=change_set.template_dict["Resources"][logical]["Type"],
                                          resource_status="UPDATE_FAILED",
                                          resource_status_reason="CloudFormation cannot update a stack when a custom-named "
                                                                 f"resource requires replacing. Rename {name} and update the stack again.",
                                          resource_properties=None))
                stack._add_stack_event("UPDATE_ROLLBACK_IN_PROGRESS",
                                       resource_status_reason=f"The following resource(s) failed to update: [{logical}].")
                stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE")
                stack.status = "UPDATE_ROLLBACK_COMPLETE"
                change_set.execution_status = "EXECUTE_FAILED"
                return None
        return execute(self, change_set_name, stack_name)
    return execute_refusing_custom_named_replacement


CloudFormationBackend.execute_change_set = _execute_change_set(CloudFormationBackend.execute_change_set)


def _create_change_set(create):
    def create_once_per_name(self, stack_name, change_set_name, *args, **kwargs):
        for change_set in self.change_sets.values():
            if change_set.change_set_name == change_set_name and change_set.stack_name == stack_name:
                raise AlreadyExistsException(f"ChangeSet {change_set_name} already exists")
        return create(self, stack_name, change_set_name, *args, **kwargs)
    return create_once_per_name


CloudFormationBackend.create_change_set = _create_change_set(CloudFormationBackend.create_change_set)

if __name__ == "__main__":
    main(sys.argv[1:])
