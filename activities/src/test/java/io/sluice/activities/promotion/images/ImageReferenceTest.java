package io.sluice.activities.promotion.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void parse_readsAHostWithPortANestedRepositoryAndATag() {
        ImageReference image = ImageReference.parse("127.0.0.1:5000/team/credit-risk:v1.2");

        assertThat(image).isEqualTo(new ImageReference("127.0.0.1:5000", "team/credit-risk", "v1.2"));
        assertThat(image.byDigest()).isFalse();
        assertThat(image).hasToString("127.0.0.1:5000/team/credit-risk:v1.2");
    }

    @Test
    void parse_readsADigestReference() {
        String text = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/credit-risk@" + DIGEST;

        ImageReference image = ImageReference.parse(text);

        assertThat(image).isEqualTo(new ImageReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "credit-risk", DIGEST));
        assertThat(image.byDigest()).isTrue();
        assertThat(image).hasToString(text);
    }

    @Test
    void parse_refusesAnImageWithoutATagOrDigest() {
        assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/team/credit-risk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image '127.0.0.1:5000/team/credit-risk' has no tag or digest; expected host[:port]/repository:tag");
    }

    @Test
    void parse_refusesAnImageWithoutARegistry() {
        assertThatThrownBy(() -> ImageReference.parse("credit-risk:v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no registry host");
    }

    @Test
    void parse_refusesBothATagAndADigest() {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/credit-risk:v1@" + DIGEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has both a tag and a digest");
    }

    @Test
    void constructor_refusesAnUppercaseRepositoryAndAShortDigest() {
        assertThatThrownBy(() -> new ImageReference("registry.example.com", "Credit-Risk", "v1"))
                .hasMessageContaining("repository 'Credit-Risk' is not a repository name");
        assertThatThrownBy(() -> new ImageReference("registry.example.com", "credit-risk", "sha256:abc"))
                .hasMessageContaining("'sha256:abc' is not a sha256 digest");
        assertThatThrownBy(() -> new ImageReference("https://registry.example.com", "credit-risk", "v1"))
                .hasMessageContaining("is not host[:port]");
    }
}
