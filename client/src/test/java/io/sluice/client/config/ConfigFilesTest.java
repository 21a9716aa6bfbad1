package io.sluice.client.config;

import io.sluice.sandbox.ConfigFixtures;
import io.sluice.workflows.identity.IdentityMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {
    static final String VALID = """
            region: eu-west-1
            accounts:
              governance: {id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/SluiceWorker"}
              producer:   {id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/SluiceWorker"}
              dev:        {id: "333333333333", roleArn: "arn:aws:iam::333333333333:role/SluiceWorker"}
              shared:     {id: "444444444444", roleArn: "arn:aws:iam::444444444444:role/SluiceWorker"}
              test:       {id: "555555555555", roleArn: "arn:aws:iam::555555555555:role/SluiceWorker"}
              prod:       {id: "666666666666", roleArn: "arn:aws:iam::666666666666:role/SluiceWorker"}
            temporal:
              target: temporal.internal:7233
              namespace: ml
            aws:
              apiCallTimeout: PT90S
            """ + ConfigFixtures.DECLARED_GATES_WITH_QUORUM;

    @Test
    void parse_readsEveryKeyAndFillsDefaults() {
        SluiceConfig config = ConfigFiles.parse("sluice.yaml", VALID);

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.awsAccounts().get("shared").roleArn()).isEqualTo("arn:aws:iam::444444444444:role/SluiceWorker");
        assertThat(config.temporal().target()).isEqualTo("temporal.internal:7233");
        assertThat(config.temporal().taskQueue()).isEqualTo("sluice");
        assertThat(config.aws().apiCallTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.aws().apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.local().awsEndpoint()).isEmpty();
    }

    @Test
    void parse_refusesAnUnknownKeyNamingItsPathAndTheKnownKeys() {
        String text = VALID.replace("roleArn: \"arn:aws:iam::333333333333", "rolearn: \"arn:aws:iam::333333333333");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sluice.yaml: unknown key 'accounts.dev.rolearn'; expected one of: id, roleArn");
    }

    @Test
    void parse_refusesAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", VALID + "regoin: eu-west-2\n"))
                .hasMessageStartingWith("sluice.yaml: unknown key 'regoin'; expected one of: accounts, approvals, aws, copy, local, region, temporal");
    }

    @Test
    void parse_refusesAMissingAccountNamingIt() {
        String text = VALID.replaceAll("(?m)^  shared:.*\\n", "");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("accounts: missing [shared]");
    }

    @Test
    void parse_refusesAMalformedAccountId() {
        String text = VALID.replace("id: \"333333333333\"", "id: \"33333\"");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessage("sluice.yaml: accounts.dev.id '33333' is not an account id; expected 12 digits, quoted in YAML");
    }

    @Test
    void parse_refusesAMalformedRoleArn() {
        String text = VALID.replace("arn:aws:iam::555555555555:role/SluiceWorker", "SluiceWorker");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessage("sluice.yaml: accounts.test.roleArn 'SluiceWorker' is not an IAM role ARN;"
                        + " expected arn:aws:iam::<12-digit account id>:role/<name>");
    }

    @Test
    void parse_refusesARoleOfAnotherAccount() {
        String text = VALID.replace("arn:aws:iam::666666666666:role", "arn:aws:iam::555555555555:role");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("accounts.prod.roleArn")
                .hasMessageContaining("belongs to account 555555555555, but id is 666666666666");
    }

    @Test
    void parse_refusesADurationThatIsNotIso8601() {
        String text = VALID.replace("apiCallTimeout: PT90S", "apiCallTimeout: 90 seconds");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("aws.apiCallTimeout")
                .hasMessageContaining("expected an ISO-8601 duration such as PT30S");
    }

    @Test
    void parse_refusesAMalformedTemporalTarget() {
        String text = VALID.replace("target: temporal.internal:7233", "target: http://temporal.internal");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("temporal.target 'http://temporal.internal' is not host:port");
    }

    @Test
    void parse_refusesAMissingRegion() {
        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", VALID.replace("region: eu-west-1\n", "")))
                .hasMessage("sluice.yaml: region is missing; expected e.g. eu-west-1");
    }

    @Test
    void parse_readsEachGatesPolicyWithDefaults() {
        var gates = ConfigFiles.parse("sluice.yaml", VALID).approvals().policies();

        assertThat(gates.get("model-approval").approvers()).containsExactly("lead-ds@example.com");
        assertThat(gates.get("model-approval").needed()).isEqualTo(1);
        assertThat(gates.get("model-approval").deadline()).isEqualTo(Duration.ofDays(7));
        assertThat(gates.get("promotion-approval").deadline()).isEqualTo(Duration.ofDays(3));
        assertThat(gates.get("production-approval").needed()).isEqualTo(2);
    }

    @Test
    void parse_refusesAMissingGate() {
        String text = VALID.replaceAll("(?m)^    promotion-approval:.*\\n", "");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("approvals.gates: missing [promotion-approval]");
    }

    @Test
    void parse_refusesAQuorumLargerThanTheApprovers() {
        String text = VALID.replace("needed: 2", "needed: 3");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("approvals.gates.production-approval.needed is 3; expected at least 1 and at most the number of approvers (2)");
    }

    @Test
    void parse_withoutIdentity_requiresProofAndPrincipalPatterns() {
        String text = VALID.replace("  identity: declared\n", "");

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("approvals.gates.model-approval.approvers[0] is 'lead-ds@example.com'; expected an IAM principal ARN pattern");
    }

    @Test
    void parse_provenGates_takePrincipalPatternsAndAQuorumFromOnePermissionSet() {
        String text = VALID.replace("  identity: declared\n", "  identity: proven\n")
                .replace("[lead-ds@example.com]", "[\"arn:aws:sts::*:assumed-role/AWSReservedSSO_LeadDataScientist_*/*\"]")
                .replace("[ml-engineer@example.com]", "[\"arn:aws:iam::111122223333:user/ml-engineer\"]")
                .replace("[governance-officer@example.com, cto@example.com], needed: 2",
                        "[\"arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*/*\"], needed: 2");

        var approvals = ConfigFiles.parse("sluice.yaml", text).approvals();

        assertThat(approvals.identityMode()).isEqualTo(IdentityMode.PROVEN);
        var production = approvals.policies().get("production-approval");
        assertThat(production.needed()).isEqualTo(2);
        assertThat(production.identity()).isEqualTo(IdentityMode.PROVEN);
    }

    @Test
    void parse_refusesAnUnknownIdentityMode() {
        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", VALID.replace("identity: declared", "identity: trusted")))
                .hasMessageContaining("identity is 'trusted'; expected proven (the default) or declared");
    }

    @Test
    void parse_refusesAnUnknownGate() {
        String text = VALID + "    staging-approval: {approvers: [a@example.com]}\n";

        assertThatThrownBy(() -> ConfigFiles.parse("sluice.yaml", text))
                .hasMessageContaining("approvals.gates.staging-approval is not a gate");
    }

    @Test
    void writeThenRead_givesTheSameConfig(@TempDir Path directory) {
        SluiceConfig config = ConfigFiles.parse("sluice.yaml", VALID + """
                local:
                  awsEndpoint: http://127.0.0.1:5000
                  registries: {"333333333333": "127.0.0.1:5001"}
                """);
        Path file = directory.resolve("local.yaml");

        ConfigFiles.write(config, file);

        assertThat(ConfigFiles.read(file)).isEqualTo(config);
    }

    @Test
    void read_namesTheFileAndHowToGetOneWhenItIsMissing(@TempDir Path directory) {
        assertThatThrownBy(() -> ConfigFiles.read(directory.resolve("absent.yaml")))
                .hasMessageContaining("absent.yaml: no such file; pass --config FILE or set SLUICE_CONFIG");
    }

    @Test
    void locate_prefersTheExplicitFileThenTheEnvironment() {
        assertThat(ConfigFiles.locate(Path.of("a.yaml"), Map.of("SLUICE_CONFIG", "b.yaml"))).isEqualTo(Path.of("a.yaml"));
        assertThat(ConfigFiles.locate(null, Map.of("SLUICE_CONFIG", "b.yaml"))).isEqualTo(Path.of("b.yaml"));
        assertThat(ConfigFiles.locate(null, Map.of())).isEqualTo(Path.of("sluice.yaml"));
    }
}
