package io.sluice.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.foundations.DeployTemplates;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The execution role may pull exactly the AWS-owned images the worker defaults to, in every region it knows. */
class RegionImagesTemplateTest {
    private static final Pattern MAPPING_LINE =
            Pattern.compile("(?m)^\\s+([a-z]{2}-[a-z]+-\\d): \\{DataWrangler: \"(\\d{12})\", XGBoost: \"(\\d{12})\"}\\s*$");

    @Test
    void executionRoleTemplate_namesTheSameImageRegistriesAsTheWorkersDefaults() {
        String template = DeployTemplates.locate().body("sagemaker-execution-role.yaml");
        Map<String, String[]> mapped = new HashMap<>();
        var line = MAPPING_LINE.matcher(template);
        while (line.find()) {
            mapped.put(line.group(1), new String[] {line.group(2), line.group(3)});
        }

        assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(RegionImages.regions());
        mapped.forEach((region, accounts) -> {
            assertThat(RegionImages.dataWrangler("", region)).as(region).startsWith(accounts[0] + ".dkr.ecr." + region + ".");
            assertThat(RegionImages.xgboost("", region)).as(region).startsWith(accounts[1] + ".dkr.ecr." + region + ".");
        });
    }
}
