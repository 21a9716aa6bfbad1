package io.sluice.starter.bootstrap;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsServices;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.activities.deployment.CloudFormationStacks;
import io.sluice.client.config.SluiceConfig;
import io.sluice.sandbox.foundations.AccountFoundations;
import io.sluice.sandbox.foundations.TemplateStacks;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.workers.ActivitySettings;
import io.sluice.workflows.AwsAccount;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bootstrap}: deploys deploy/aws's account foundations into the six accounts every
 * estate has and each further development account named by {@code --dev-account}: the
 * shared-services bucket and key, the SageMaker execution roles, and in each account
 * the role Sluice assumes there (named as the config's roleArn names it), as {@link AccountFoundations}
 * plans them (the local stack deploys the same). Each stack is created or updated and awaited; a
 * stack whose creation failed is replaced; a second run changes nothing. Then prints the config fragment.
 */
@Command(name = "bootstrap", description = {"Deploy the account foundations of deploy/aws into the six accounts of the config",
        "and each --dev-account (create or update, awaited, idempotent), then print the sluice.yaml fragment",
        "with the results."})
public final class BootstrapCommand implements Callable<Integer> {
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

    @Option(names = "--dev-account", paramLabel = "ALIAS[=BUCKET]", description = {
        "A further development account of the config, set up as dev is (execution role, worker role, its",
        "bucket's policy) and promoting into the same shared account; BUCKET is its artifact bucket",
        "(default sluice-<alias>-<account>). Repeat for each."})
    List<String> devAccounts = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig settings = config.read();
        Map<String, AwsAccount> accounts = settings.awsAccounts();
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> roleNames = new LinkedHashMap<>();
        Map<String, String> extraDevBuckets = extraDevBuckets(accounts);
        List<String> aliases = new ArrayList<>(AccountFoundations.ACCOUNTS);
        aliases.addAll(extraDevBuckets.keySet());
        for (String alias : aliases) {
            AwsAccount account = accounts.get(alias);
            ids.put(alias, account.id());
            roleNames.put(alias, account.roleArn().substring(account.roleArn().lastIndexOf('/') + 1));
        }
        var request = new AccountFoundations.Request(ids, roleNames, workerPrincipal, executionRoleName, sharedBucket,
                devBucket != null ? devBucket : "sluice-dev-" + ids.get("dev"),
                producerBucket != null ? producerBucket : "sluice-producer-" + ids.get("producer"), extraDevBuckets);
        try (var clients = AwsClients.create(deployerSettings(settings))) {
            var result = AccountFoundations.deploy(request, alias -> clients.client(alias, AwsServices.CLOUDFORMATION),
                    alias -> clients.client(alias, AwsServices.S3), CloudFormationStacks::template, deployed -> {
                        out.printf("%-10s %-34s %s%n", deployed.account(), deployed.stack().stackName(),
                                deployed.stack().changed() ? deployed.stack().status() : "unchanged");
                        out.flush();
                    });
            result.bucketPolicies().forEach(applied -> out.printf("%-10s %-34s %s%n", applied.account(),
                    "bucket policy of " + applied.bucket(), applied.changed() ? "UPDATED" : "unchanged"));
            printFragment(out, accounts, result.workerRoleArns(), result.sharedBucket(), result.sharedKeyArn(),
                    result.executionRoleArns());
        } catch (TemplateStacks.StackFailedException e) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** Each {@code --dev-account}'s artifact bucket by alias, in the order given. */
    private Map<String, String> extraDevBuckets(Map<String, AwsAccount> accounts) {
        Map<String, String> buckets = new LinkedHashMap<>();
        for (String option : devAccounts) {
            int equals = option.indexOf('=');
            String alias = (equals < 0 ? option : option.substring(0, equals)).strip();
            String bucket = equals < 0 ? "" : option.substring(equals + 1).strip();
            AwsAccount account = accounts.get(alias);
            if (account == null) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "--dev-account " + option + ": accounts." + alias
                        + " is not in the config; expected an alias of " + accounts.keySet());
            }
            if (AccountFoundations.ACCOUNTS.contains(alias)) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "--dev-account " + option + ": " + alias + " is one of "
                        + AccountFoundations.ACCOUNTS + ", which bootstrap sets up anyway; expected a further development account");
            }
            if (buckets.put(alias, bucket.isEmpty() ? "sluice-" + alias + "-" + account.id() : bucket) != null) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "--dev-account " + alias + " is given twice");
            }
        }
        return buckets;
    }

    private AwsSettings deployerSettings(SluiceConfig settings) {
        AwsSettings configured = ActivitySettings.aws(settings);
        if (deployerRole == null || deployerRole.isBlank()) {
            return configured;
        }
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        configured.accounts().forEach((alias, account) -> accounts.put(alias,
                new AwsAccount(alias, account.id(), "arn:aws:iam::" + account.id() + ":role/" + deployerRole)));
        return new AwsSettings(configured.region(), accounts, configured.apiCallTimeout(), configured.apiCallAttemptTimeout(),
                configured.endpointOverride());
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
