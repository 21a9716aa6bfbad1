package io.sluice.starter.local;

import java.io.PrintWriter;

/** Prints where each part of the local stack answers. */
final class LocalStackReport {
    private LocalStackReport() {}

    static void print(LocalStack stack, PrintWriter out) {
        var temporal = stack.temporal();
        out.println("temporal    " + temporal.target() + " (namespace " + temporal.namespace() + ", " + temporal.kind() + ")");
        out.println("web ui      " + temporal.webUi().map(Object::toString)
                .orElse("none: put a `temporal` CLI on PATH for the dev server and its Web UI"));
        out.println("aws         " + stack.aws().awsEndpoint() + " (moto, region " + stack.config().region() + ")");
        stack.aws().accounts().forEach(account -> out.println("  account   " + account.alias() + " " + account.id()
                + "  role " + account.workerRoleArn() + (account.hasArtifactBucket() ? "  bucket s3://" + account.artifactBucket() : "")));
        stack.aws().registryHostsByAccountId().forEach((accountId, host) ->
                out.println("registry    " + host + " (ECR of account " + accountId + ")"));
        out.println("worker      " + (stack.hasWorker()
                ? "in this process, task queue " + stack.config().temporal().taskQueue()
                : "none: run `sluice worker --config " + stack.configFile() + "`"));
        out.println("config      " + stack.configFile());
        out.println("personas    " + stack.configFile().resolveSibling(io.sluice.starter.identity.IdentityOptions.LOCAL_CREDENTIALS_FILE)
                + " (AWS profiles " + io.sluice.sandbox.LocalPersonas.ALL.stream()
                        .map(io.sluice.sandbox.LocalPersonas.Persona::profile).toList()
                + "; decide as one: AWS_PROFILE=governance-officer ./sluice approve ID)");
        out.println("build spec  " + stack.buildSpec() + "  (./sluice model build --spec " + stack.buildSpec() + " --wait)");
    }
}
