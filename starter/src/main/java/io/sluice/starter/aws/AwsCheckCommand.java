package io.sluice.starter.aws;

import io.sluice.activities.aws.AwsClients;
import io.sluice.client.config.ConfigFiles;
import io.sluice.client.config.SluiceConfig;
import io.sluice.sandbox.FreePort;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.foundations.DeployTemplates;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import io.sluice.starter.local.DemoScenario;
import io.sluice.starter.local.LocalStack;
import io.sluice.workers.ActivitySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice aws check}: runs the whole lifecycle on a fresh local stack with every AWS call
 * recorded, then holds each call to what AWS would hold it to. Exit 0 only if no call is denied
 * by the policies the local stack holds and no request breaks its service model.
 */
@Command(name = "check", description = {
        "Run the lifecycle (data product, build, promote, deploy, then a second release of the model",
        "deployed from the shared package to the same endpoints, then the same model version built in a",
        "second dev account and promoted into the same shared account) on a fresh local stack, recording",
        "every AWS call, then check each request against AWS's service models (botocore) and each permission",
        "it needs against the IAM and resource policies the local stack holds. Prints per account and role:",
        "calls, denials with their reason, invalid requests and granted actions no call used; writes the",
        "permissions each role of the six accounts every estate has needed. Exit 0 only if nothing was",
        "denied, invalid or not evaluable and the lifecycle held, else 1."})
public final class AwsCheckCommand implements Callable<Integer> {
    /** The required-permissions file {@code deploy/aws} documents, written by the local check. */
    static final String REQUIRED_PERMISSIONS_FILE = "required-permissions.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the local stack's state goes (default: a new temporary directory).")
    Path stateDirectory;

    @Option(names = "--required-permissions", paramLabel = "FILE",
            description = {"Where to write the permissions each role needed (default: DIR/required-permissions.json);",
                "with --config, the permissions to ask AWS about (default: deploy/aws/required-permissions.json)."})
    Path requiredPermissions;

    @Option(names = "--config", paramLabel = "FILE", description = {
        "Preflight of a real estate instead: ask AWS (iam:SimulatePrincipalPolicy) whether each role of this",
        "config may do what the required permissions list, with the resource policies of other accounts'",
        "resources, and whether the governance worker is a Lake Formation data lake administrator."})
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (config != null) {
            return preflight(out);
        }
        Path directory = stateDirectory != null ? stateDirectory : Files.createTempDirectory("sluice-aws-check-");
        Path permissionsFile = requiredPermissions != null ? requiredPermissions : directory.resolve("required-permissions.json");
        var ledger = new CallLedger();
        out.println("running the lifecycle on a fresh local stack (state in " + directory + "), recording every AWS call");
        out.flush();
        List<CallCheck.RoleFindings> findings;
        RequiredPermissions required;
        List<String> lifecycleFailures;
        try (var stack = LocalStack.start(directory, FreePort.any(), true, ledger)) {
            var scenario = DemoScenario.approvingEveryGateTwice(stack, out);
            scenario.run();
            lifecycleFailures = new ArrayList<>(scenario.failures());
            out.println("==>  BuildModel with its jobs on SageMaker, for the calls local job mode does not make");
            try (var session = TemporalSession.open(stack.config())) {
                out.println("     " + SageMakerModeBuild.run(stack, session));
                out.println("==>  BuildModel with a pre-step, cancelled while its Step Functions execution runs");
                out.flush();
                var cancelled = CancelledBuild.run(stack, session);
                out.println("     " + cancelled.report());
                if (!cancelled.failure().isEmpty()) {
                    lifecycleFailures.add(cancelled.failure());
                }
            }
            out.flush();
            try (var clients = AwsClients.create(ActivitySettings.aws(stack.config()));
                    var policies = new LocalPolicies(clients, stack.aws());
                    var evaluator = IamPolicyEvaluator.start()) {
                findings = new CallCheck(policies, new ResourcePolicies(clients), evaluator, clients.settings().region())
                        .check(ledger.calls());
                required = RequiredPermissions.of(findings, clients.settings().accounts())
                        .forAccounts(SluiceConfig.REQUIRED_ACCOUNTS);
            }
        }
        int denied = 0;
        int invalid = 0;
        int unchecked = 0;
        int unused = 0;
        out.println();
        for (var role : findings) {
            out.println(role.account + "  " + role.roleArn + ": " + role.calls + " call(s), " + role.denied.size() + " denied, "
                    + role.invalid.size() + " invalid, " + role.unchecked.size() + " not evaluable, " + role.unusedGrants.size()
                    + " granted action(s) never used");
            role.denied.forEach(line -> out.println("  denied     " + line));
            role.invalid.forEach(line -> out.println("  invalid    " + line));
            role.unchecked.forEach(line -> out.println("  unchecked  " + line));
            role.unusedGrants.forEach(line -> out.println("  unused     " + line));
            denied += role.denied.size();
            invalid += role.invalid.size();
            unchecked += role.unchecked.size();
            unused += role.unusedGrants.size();
        }
        required.write(permissionsFile);
        out.println("required permissions per role written to " + permissionsFile);
        lifecycleFailures.forEach(failure -> out.println("lifecycle: " + failure));
        if (unchecked > 0) {
            out.println(unchecked + " permission(s) could not be evaluated (an action or resource the IAM reference does not know): "
                    + "the check maps those calls wrongly");
        }
        out.println(ledger.calls().size() + " AWS calls checked: " + denied + " denied by the deploy/aws policies, " + invalid
                + " invalid against the AWS service models, " + unused + " granted actions never used");
        out.flush();
        if (denied > 0 || invalid > 0 || unchecked > 0 || !lifecycleFailures.isEmpty()) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "aws check: " + denied + " denied, " + invalid + " invalid, "
                    + unchecked + " not evaluable"
                    + (lifecycleFailures.isEmpty() ? "" : ", and the lifecycle did not complete"));
        }
        return ExitCodes.OK;
    }

    private int preflight(PrintWriter out) throws java.io.IOException {
        var settings = ActivitySettings.aws(ConfigFiles.read(config));
        Path file = requiredPermissions != null ? requiredPermissions
                : DeployTemplates.locate().directory().resolve(REQUIRED_PERMISSIONS_FILE);
        var required = RequiredPermissions.read(file).forEstate(settings.accounts(), LocalAws.REGION, settings.region());
        out.println("asking AWS whether the roles of " + config + " may do what " + file + " lists");
        out.flush();
        List<AwsPreflight.RoleResult> results;
        List<String> missingAdmins;
        try (var clients = AwsClients.create(settings)) {
            var preflight = new AwsPreflight(clients);
            results = preflight.simulate(required);
            missingAdmins = preflight.missingDataLakeAdmins();
        }
        int simulated = 0;
        int denied = 0;
        for (var role : results) {
            out.println(role.account + "  " + role.roleArn + ": " + role.simulated + " permission(s) simulated, " + role.denied.size()
                    + " denied");
            role.denied.forEach(line -> out.println("  denied     " + line));
            simulated += role.simulated;
            denied += role.denied.size();
        }
        missingAdmins.forEach(line -> out.println("  denied     " + line));
        out.println(simulated + " permissions simulated by AWS: " + denied + " denied by the estate's policies, "
                + missingAdmins.size() + " Lake Formation administrator(s) missing");
        out.flush();
        if (denied > 0 || !missingAdmins.isEmpty()) {
            throw new CommandFailedException(ExitCodes.RUN_FAILED, "aws check: " + denied + " denied, " + missingAdmins.size()
                    + " Lake Formation administrator(s) missing");
        }
        return ExitCodes.OK;
    }
}
