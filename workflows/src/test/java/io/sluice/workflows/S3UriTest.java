package io.sluice.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3UriTest {
    @Test
    void aKey_isTakenByteForByte_asS3NamesIt() {
        assertThat(S3Uri.parse("s3://sluice-dev-100000000003/flows/credit risk #2?v=1%20.flow"))
                .isEqualTo(new S3Uri("sluice-dev-100000000003", "flows/credit risk #2?v=1%20.flow"));
        assertThat(S3Uri.parse("s3://bucket")).isEqualTo(new S3Uri("bucket", ""));
        assertThat(S3Uri.parse("s3://bucket/prefix/").prefix()).isEqualTo("prefix/");
        assertThat(S3Uri.parse("s3://bucket/prefix").child("part-0.csv").toString()).isEqualTo("s3://bucket/prefix/part-0.csv");
    }

    @Test
    void anythingElse_isRefusedNamingTheFieldAndTheValue() {
        assertThat(S3Uri.isS3Uri("https://bucket.s3.amazonaws.com/key")).isFalse();
        assertThat(S3Uri.isS3Uri("s3:///key")).isFalse();
        assertThat(S3Uri.isS3Uri("s3://buc ket/key")).isFalse();
        assertThatThrownBy(() -> S3Uri.parse("flow", "/data/credit.flow"))
                .hasMessage("flow '/data/credit.flow' is not an S3 URI; expected s3://bucket/key");
        assertThatThrownBy(() -> S3Uri.parse("flow", " "))
                .hasMessage("flow is missing; expected an S3 URI such as s3://bucket/key");
    }
}
