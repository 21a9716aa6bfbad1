package io.sluice.starter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.RepositoryFiles;
import io.sluice.sandbox.foundations.DeployTemplates;
import io.sluice.starter.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice aws check} as a platform engineer runs it. What it finds on today's code and
 * templates is listed in {@code aws-check/known-findings.txt}: a finding not listed fails the
 * suite (a regression, or a new check), and so does a listed one no longer found (fixed: take it
 * off the list).
 */
class AwsCheckCommandTest {
    private static final Pattern ROLE = Pattern.compile("^\\S+  (arn:aws:iam::\\d{12}:role/\\S+): \\d+ call\\(s\\).*");
    private static final Pattern FINDING = Pattern.compile("^  (denied|invalid|unchecked) +(.*)$");
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^(\\d+) AWS calls checked: (\\d+) denied by the deploy/aws policies, (\\d+) invalid against the AWS service models,"
                    + " (\\d+) granted actions never used$");

    @Test
    void check_ofTheLifecycle_reportsExactlyTheKnownFindingsAndWritesTheRequiredPermissions(@TempDir Path directory)
            throws IOException {
        CliRun check = CliRun.of("aws", "check", "--state-dir", directory.toString());

        List<String> known = Files.readAllLines(Path.of("src/test/resources/aws-check/known-findings.txt"), StandardCharsets.UTF_8)
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        var summary = SUMMARY.matcher(check.out());
        assertThat(summary.find()).as(check.out() + check.err()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isGreaterThan(100);
        assertThat(findings(check.out())).as("findings (update known-findings.txt only for a finding fixed or understood)")
                .containsExactlyInAnyOrderElementsOf(known);
        assertThat(check.exitCode()).isEqualTo(known.isEmpty() ? 0 : 1);
        assertThat(Files.readString(directory.resolve("required-permissions.json")))
                .contains("\"arn:aws:iam::100000000005:role/SluiceWorker\"")
                .contains("\"sagemaker:CreateEndpointConfig\"")
                .as("deploy/aws/required-permissions.json, which the preflight asks AWS about, is what the lifecycle needs; "
                        + "regenerate it with ./sluice aws check --required-permissions deploy/aws/required-permissions.json")
                .isEqualTo(Files.readString(DeployTemplates.locate().directory().resolve(AwsCheckCommand.REQUIRED_PERMISSIONS_FILE)));
    }

    @Test
    void check_withAnActionTakenOutOfATemplate_failsNamingTheActionRoleAndResource(@TempDir Path directory) throws IOException {
        Path root = directory.resolve("root");
        Path realRoot = DeployTemplates.locate().directory().getParent().getParent();
        Files.createDirectories(root.resolve("deploy/aws"));
        try (var templates = Files.list(realRoot.resolve("deploy/aws"))) {
            for (Path template : templates.toList()) {
                String text = Files.readString(template);
                if (template.getFileName().toString().equals("account-role.yaml")) {
                    assertThat(text).contains("- sagemaker:CreateEndpointConfig\n");
                    text = text.replace("- sagemaker:CreateEndpointConfig\n", "- sagemaker:DescribeEndpointConfig\n");
                }
                Files.writeString(root.resolve("deploy/aws").resolve(template.getFileName()), text);
            }
        }
        Files.createSymbolicLink(root.resolve("sandbox"), realRoot.resolve("sandbox"));
        String previous = System.getProperty(RepositoryFiles.ROOT_PROPERTY);
        CliRun check;
        try {
            System.setProperty(RepositoryFiles.ROOT_PROPERTY, root.toString());
            check = CliRun.of("aws", "check", "--state-dir", directory.resolve("state").toString());
        } finally {
            if (previous == null) {
                System.clearProperty(RepositoryFiles.ROOT_PROPERTY);
            } else {
                System.setProperty(RepositoryFiles.ROOT_PROPERTY, previous);
            }
        }

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(1);
        for (String account : java.util.List.of("100000000005", "100000000006")) {
            assertThat(findings(check.out())).as(check.out()).anySatisfy(finding -> assertThat(finding).startsWith(
                    "arn:aws:iam::" + account + ":role/SluiceWorker denied CreateChangeSet needs sagemaker:CreateEndpointConfig on "
                            + "arn:aws:sagemaker:us-east-1:" + account + ":endpoint-config/credit-risk-"));
        }
        assertThat(check.out()).contains(" denied by the deploy/aws policies");
    }

    /** Each denied, invalid or unchecked line of the report as {@code <role> <kind> <text>}. */
    static List<String> findings(String report) {
        List<String> findings = new ArrayList<>();
        String role = "";
        for (String line : report.split("\n")) {
            var header = ROLE.matcher(line);
            if (header.matches()) {
                role = header.group(1);
                continue;
            }
            var finding = FINDING.matcher(line);
            if (finding.matches()) {
                findings.add(role + " " + finding.group(1) + " " + finding.group(2));
            }
        }
        return findings;
    }
}
