package io.sluice.sandbox;

/** {@code sluice.yaml} fragments that tests compose into a config. */
public final class ConfigFixtures {
    /**
     * The {@code accounts:} block of an estate's six accounts, ids {@code 100000000001} (governance)
     * to {@code 100000000006} (prod), each with its {@code SluiceWorker} role.
     */
    public static final String ACCOUNTS = """
            accounts:
              governance: {id: "100000000001", roleArn: "arn:aws:iam::100000000001:role/SluiceWorker"}
              producer:   {id: "100000000002", roleArn: "arn:aws:iam::100000000002:role/SluiceWorker"}
              dev:        {id: "100000000003", roleArn: "arn:aws:iam::100000000003:role/SluiceWorker"}
              shared:     {id: "100000000004", roleArn: "arn:aws:iam::100000000004:role/SluiceWorker"}
              test:       {id: "100000000005", roleArn: "arn:aws:iam::100000000005:role/SluiceWorker"}
              prod:       {id: "100000000006", roleArn: "arn:aws:iam::100000000006:role/SluiceWorker"}
            """;

    /**
     * The {@code approvals:} block of gates that take declared names: lead-ds, ml-engineer and
     * governance-officer at example.com, one each.
     */
    public static final String DECLARED_GATES = """
            approvals:
              identity: declared
              gates:
                model-approval: {approvers: [lead-ds@example.com]}
                promotion-approval: {approvers: [ml-engineer@example.com]}
                production-approval: {approvers: [governance-officer@example.com]}
            """;

    /**
     * The {@code approvals:} block of gates that take declared names, with a quorum: lead-ds for
     * models, ml-engineer for promotions (deadline three days), and two of governance-officer and
     * cto for production.
     */
    public static final String DECLARED_GATES_WITH_QUORUM = """
            approvals:
              identity: declared
              gates:
                model-approval: {approvers: [lead-ds@example.com]}
                promotion-approval: {approvers: [ml-engineer@example.com], deadline: P3D}
                production-approval: {approvers: [governance-officer@example.com, cto@example.com], needed: 2}
            """;

    private ConfigFixtures() {}

    /**
     * A whole {@code sluice.yaml} for {@code localAws}: its accounts with their worker roles, the
     * {@link #DECLARED_GATES}, Temporal at {@code temporalTarget} and AWS at {@code awsEndpoint}
     * (moto, or an interposer before it).
     */
    public static String localConfig(LocalAws localAws, String temporalTarget, String awsEndpoint) {
        StringBuilder config = new StringBuilder("region: " + LocalAws.REGION + "\naccounts:\n");
        localAws.accounts().forEach(account -> config.append("  ").append(account.alias()).append(": {id: \"").append(account.id())
                .append("\", roleArn: \"").append(account.workerRoleArn()).append("\"}\n"));
        return config + "temporal: {target: \"" + temporalTarget + "\"}\n" + DECLARED_GATES
                + "local: {awsEndpoint: \"" + awsEndpoint + "\"}\n";
    }
}
