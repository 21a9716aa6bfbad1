package io.sluice.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {
    @Test
    void fit_keepsANameWithinTheLimit() {
        assertThat(ResourceNames.fit("sluice-credit_applications", 255)).isEqualTo("sluice-credit_applications");
        assertThat(ResourceNames.fit("x".repeat(63), 63)).isEqualTo("x".repeat(63));
    }

    @Test
    void fit_shortensALongNameToTheLimitWithAHashOfTheWholeName() {
        String name = "sluice-" + "d".repeat(300);

        String fitted = ResourceNames.fit(name, 255);

        assertThat(fitted).hasSize(255).startsWith("sluice-ddd")
                .endsWith("-" + ResourceNames.sha256(name).substring(0, 8));
    }

    @Test
    void fit_keepsLongNamesThatShareAPrefixApart() {
        String prefix = "a".repeat(70);

        assertThat(ResourceNames.fit(prefix + "-one", 63)).isNotEqualTo(ResourceNames.fit(prefix + "-two", 63));
        assertThat(ResourceNames.fit(prefix + "-one", 63)).isEqualTo(ResourceNames.fit(prefix + "-one", 63));
    }

    @Test
    void withSuffix_appendsTheSuffixWhenItFits() {
        assertThat(ResourceNames.withSuffix("credit-risk", "-v12", 63)).isEqualTo("credit-risk-v12");
    }

    @Test
    void withSuffix_shortensTheBaseAndKeepsTheSuffixWhole() {
        String group = "credit-risk-" + "b".repeat(51);

        String name = ResourceNames.withSuffix(group, "-v12", 63);

        assertThat(name).hasSize(63).startsWith("credit-risk-bbb").endsWith("-v12")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
        assertThat(ResourceNames.withSuffix(group, "-v13", 63)).isNotEqualTo(name).endsWith("-v13");
    }

    @Test
    void withSuffix_dropsHyphensLeftAtTheCut() {
        String base = "a".repeat(49) + "-----" + "z".repeat(20);

        assertThat(ResourceNames.withSuffix(base, "-v1", 63)).doesNotContain("--").endsWith("-v1");
    }

    @Test
    void withSuffix_refusesASuffixThatLeavesNoRoom() {
        assertThatThrownBy(() -> ResourceNames.withSuffix("credit-risk", "-" + "v".repeat(60), 63))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 63 characters");
    }
}
