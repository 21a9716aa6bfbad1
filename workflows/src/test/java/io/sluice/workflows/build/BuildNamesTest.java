package io.sluice.workflows.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildNamesTest {
    @Test
    void fit_keepsANameWithinTheLimit() {
        assertThat(BuildNames.fit("sluice-credit_applications", 255)).isEqualTo("sluice-credit_applications");
        assertThat(BuildNames.fit("x".repeat(63), 63)).isEqualTo("x".repeat(63));
    }

    @Test
    void fit_shortensALongNameToTheLimitWithAHashOfTheWholeName() {
        String name = "sluice-" + "d".repeat(300);

        String fitted = BuildNames.fit(name, 255);

        assertThat(fitted).hasSize(255).startsWith("sluice-ddd")
                .endsWith("-" + BuildNames.sha256(name).substring(0, 8));
    }

    @Test
    void fit_keepsLongNamesThatShareAPrefixApart() {
        String prefix = "a".repeat(70);

        assertThat(BuildNames.fit(prefix + "-one", 63)).isNotEqualTo(BuildNames.fit(prefix + "-two", 63));
        assertThat(BuildNames.fit(prefix + "-one", 63)).isEqualTo(BuildNames.fit(prefix + "-one", 63));
    }

    @Test
    void withSuffix_appendsTheSuffixWhenItFits() {
        assertThat(BuildNames.withSuffix("credit-risk", "-v12", 63)).isEqualTo("credit-risk-v12");
    }

    @Test
    void withSuffix_shortensTheBaseAndKeepsTheSuffixWhole() {
        String group = "credit-risk-" + "b".repeat(51);

        String name = BuildNames.withSuffix(group, "-v12", 63);

        assertThat(name).hasSize(63).startsWith("credit-risk-bbb").endsWith("-v12")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
        assertThat(BuildNames.withSuffix(group, "-v13", 63)).isNotEqualTo(name).endsWith("-v13");
    }

    @Test
    void withSuffix_dropsHyphensLeftAtTheCut() {
        String base = "a".repeat(49) + "-----" + "z".repeat(20);

        assertThat(BuildNames.withSuffix(base, "-v1", 63)).doesNotContain("--").endsWith("-v1");
    }

    @Test
    void withSuffix_refusesASuffixThatLeavesNoRoom() {
        assertThatThrownBy(() -> BuildNames.withSuffix("credit-risk", "-" + "v".repeat(60), 63))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 63 characters");
    }
}
