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

    private ConfigFixtures() {}
}
