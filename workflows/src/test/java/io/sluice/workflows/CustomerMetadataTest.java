package io.sluice.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerMetadataTest {
    @Test
    void plainTokens_areAccepted() {
        assertThat(CustomerMetadata.problems(Map.of("sluice:input:0", "credit_applications.applications",
                "sluice:input:0:account", "producer", "sluice:approved-by:1", "arn:aws:sts::100000000001:assumed-role/Lead/ana@example.com",
                "sluice:deployed:prod", "prod/credit-risk-prod@2026-11-22T10:00:00Z"))).isEmpty();
    }

    @Test
    void aQueryOrAList_isRefusedNamingTheEntry() {
        assertThat(CustomerMetadata.problems(Map.of("sluice:input:0", "credit_risk.csv=glue://db/t?account=producer")))
                .singleElement().asString().contains("value of 'sluice:input:0'").contains("?account=producer");
        assertThat(CustomerMetadata.problems(Map.of("sluice:approved-by", "a@example.com,b@example.com")))
                .singleElement().asString().contains("value of 'sluice:approved-by'");
    }

    @Test
    void lengthsAndCount_followSageMakersLimits() {
        assertThat(CustomerMetadata.problems(Map.of("k", "v".repeat(256)))).isEmpty();
        assertThat(CustomerMetadata.problems(Map.of("k", "v".repeat(257)))).singleElement().asString().contains("1 to 256");
        assertThat(CustomerMetadata.problems(Map.of("k".repeat(129), "v"))).singleElement().asString().contains("1 to 128");
        assertThat(CustomerMetadata.problems(Map.of("k", ""))).hasSize(1);
        Map<String, String> many = new HashMap<>();
        for (int index = 0; index < 51; index++) {
            many.put("sluice:input:" + index, "v");
        }
        assertThat(CustomerMetadata.problems(many)).singleElement().asString().contains("at most 50");
    }
}
