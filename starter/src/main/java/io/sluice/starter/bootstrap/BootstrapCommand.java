package io.sluice.starter.bootstrap;

import io.sluice.activities.aws.AwsAccount;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.activities.deployment.CloudFormationStacks;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.workers.config.SluiceConfig;
import io.sluice.workflows.deployment.DeploymentActivities.StackOutcome;
import io.sluice.workflows.deployment.DeploymentActivities.StackRequest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bootstrap}: deploys deploy/aws's account foundations into every account of the
 * config: the shared-services bucket and key, the SageMaker execution roles, and in each account
 * the role Sluice assumes there (named as the config's roleArn names it). Each stack is created or
 * updated and awaited; a second run changes nothing. Then prints the config fragment.
 */
@Command(name = "bootstrap", description = {"Deploy the account foundations of deploy/aws into every account of the config",
        "(create or update, awaited, idempotent), then print the sluice.yaml fragment with the results."})
public final class BootstrapCommand implements Callable<Integer> {
    static final String WORKFLOW = "sluice-bootstrap";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--worker-principal", required = true, paramLabel = "ARN",
            description = "The identity Sluice's workers run as; every account's role trusts it.")
    String workerPrincipal;

    @Option(names = "--deployer-role", paramLabel = "NAME",
            description = "Role to deploy as in each account (e.g. OrganizationAccountAccessRole); default: the config's roles.")
    String deployerRole;

    @Option(names = "--execution-role-name", defaultValue = "SluiceSageMakerExecution", paramLabel = "NAME",
            description = "Name of the SageMaker execution role in dev, test and prod (default ${DEFAULT-VALUE}).")
    String executionRoleName;

    @Option(names = "--shared-bucket", defaultValue = "", paramLabel = "NAME",
            description = "Name of the shared artifact bucket (default: sluice-artifacts-<account>-<region>).")
    String sharedBucket;

    @Option(names = "--dev-bucket", paramLabel = "NAME", description = "The dev account's artifact bucket (default sluice-dev-<account>).")
    String devBucket;

    @Option(names = "--producer-bucket", paramLabel = "NAME",
            description = "The producer's data bucket (default sluice-producer-<account>).")
    String producerBucket;

    @Option(names = "--crawler-role", paramLabel = "ARN",
            description = "The producer's Glue crawler role (default arn:aws:iam::<producer>:role/SluiceCrawler).")
    String crawlerRole;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig settings = config.read();
        Map<String, AwsAccount> accounts = settings.awsAccounts();
        try (var clients = AwsClients.create(deployerSettings(settings))) {
            var stacks = new CloudFormationStacks(clients, CloudFormationStacks.template("shared-services.yaml"));
            var shared = apply(stacks, "shared", "sluice-shared-services", Map.of(
                    "TestAccountId", accounts.get("test").id(), "ProdAccountId", accounts.get("prod").id(),
                    "ArtifactBucketName", sharedBucket), out);
            String sharedBucketName = shared.outputs().get("ArtifactBucket");
            String sharedKey = shared.outputs().get("ArtifactKeyArn");
            String dev = devBucket != null ? devBucket : "sluice-dev-" + accounts.get("dev").id();
            String producer = producerBucket != null ? producerBucket : "sluice-producer-" + accounts.get("producer").id();

            var roles = new CloudFormationStacks(clients, CloudFormationStacks.template("sagemaker-execution-role.yaml"));
            Map<String, String> executionRoles = new LinkedHashMap<>();
            for (String stage : new String[] {"dev", "test", "prod"}) {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("RoleName", executionRoleName);
                if (stage.equals("dev")) {
                    parameters.put("ReadWriteBucketArns", "arn:aws:s3:::" + dev);
                    parameters.put("ReadOnlyBucketArns", "arn:aws:s3:::" + producer);
                } else {
                    parameters.put("ReadOnlyBucketArns", "arn:aws:s3:::" + sharedBucketName);
                    parameters.put("KmsKeyArn", sharedKey);
                }
                executionRoles.put(stage, apply(roles, stage, "sluice-sagemaker-execution-role", parameters, out).outputs().get("RoleArn"));
            }

            var accountRoles = new CloudFormationStacks(clients, CloudFormationStacks.template("account-role.yaml"));
            Map<String, String> roleArns = new LinkedHashMap<>();
            for (String kind : SluiceConfig.REQUIRED_ACCOUNTS) {
                AwsAccount account = accounts.get(kind);
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("AccountKind", kind);
                parameters.put("WorkerPrincipalArn", workerPrincipal);
                parameters.put("RoleName", account.roleArn().substring(account.roleArn().lastIndexOf('/') + 1));
                switch (kind) {
                    case "producer" -> {
                        parameters.put("GovernanceAccountId", accounts.get("governance").id());
                        parameters.put("ProducerDataBucket", producer);
                        parameters.put("CrawlerRoleArn", crawlerRole != null ? crawlerRole
                                : "arn:aws:iam::" + account.id() + ":role/SluiceCrawler");
                    }
                    case "dev" -> {
                        parameters.put("GovernanceAccountId", accounts.get("governance").id());
                        parameters.put("ArtifactBucket", dev);
                        parameters.put("SageMakerExecutionRoleArn", executionRoles.get("dev"));
                    }
                    case "shared" -> {
                        parameters.put("ArtifactBucket", sharedBucketName);
                        parameters.put("ArtifactKeyArn", sharedKey);
                        parameters.put("CopySourceBucketArns", "arn:aws:s3:::" + dev);
                    }
                    case "test", "prod" -> parameters.put("SageMakerExecutionRoleArn", executionRoles.get(kind));
                    default -> { }
                }
                roleArns.put(kind, apply(accountRoles, kind, "sluice-account-role", parameters, out).outputs().get("RoleArn"));
            }
            printFragment(out, accounts, roleArns, sharedBucketName, sharedKey, executionRoles);
        }
        return ExitCodes.OK;
    }

    private AwsSettings deployerSettings(SluiceConfig settings) {
        AwsSettings configured = settings.awsSettings();
        if (deployerRole == null || deployerRole.isBlank()) {
            return configured;
        }
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        configured.accounts().forEach((alias, account) -> accounts.put(alias,
                new AwsAccount(alias, account.id(), "arn:aws:iam::" + account.id() + ":role/" + deployerRole)));
        return new AwsSettings(configured.region(), accounts, configured.apiCallTimeout(), configured.apiCallAttemptTimeout(),
                configured.endpointOverride());
    }

    private static StackOutcome apply(CloudFormationStacks stacks, String account, String stackName, Map<String, String> parameters,
            PrintWriter out) {
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                given.put(key, value);
            }
        });
        StackOutcome outcome = stacks.createOrUpdate(new StackRequest(account, stackName, WORKFLOW, given,
                Map.of("sluice:bootstrap", "true")));
        if (!outcome.succeeded()) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "stack " + stackName + " in " + account + " ended "
                    + outcome.status() + ": " + outcome.failedResource() + " " + outcome.reason());
        }
        out.printf("%-10s %-34s %s%n", account, stackName, outcome.changes().isEmpty() ? "unchanged" : outcome.status());
        out.flush();
        return outcome;
    }

    private static void printFragment(PrintWriter out, Map<String, AwsAccount> accounts, Map<String, String> roleArns,
            String sharedBucket, String sharedKey, Map<String, String> executionRoles) {
        out.println();
        out.println("# sluice.yaml: the accounts as bootstrapped");
        out.println("accounts:");
        roleArns.forEach((kind, roleArn) -> out.printf("  %-11s {id: \"%s\", roleArn: \"%s\"}%n", kind + ":", accounts.get(kind).id(),
                roleArn == null ? accounts.get(kind).roleArn() : roleArn));
        out.println("# promote.yaml: artifactPrefix: s3://" + sharedBucket + "/models   kmsKey: " + sharedKey);
        executionRoles.forEach((stage, role) -> out.println("# " + stage + " executionRoleArn: " + role));
        out.flush();
    }
}
