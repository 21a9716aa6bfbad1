package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class BalanceDataTest {
    static final String CANCELLATIONS = "id,cancelled\n1,0\n2,0\n3,0\n4,0\n5,0\n6,0\n7,1\n8,1\n";

    @Test
    void randomOversample_copiesMinorityRowsUntilTheRatioIsMet_keepingTheOriginals() {
        Table even = balance("Random oversample", 1);
        Table half = balance("Random oversample", 0.5);

        assertThat(Collections.frequency(column(even, "cancelled"), "1")).isEqualTo(6);
        assertThat(Collections.frequency(column(even, "cancelled"), "0")).isEqualTo(6);
        assertThat(column(even, "id").subList(0, 8)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(column(even, "id").subList(8, 12)).allMatch(id -> id.equals("7") || id.equals("8"));
        assertThat(Collections.frequency(column(half, "cancelled"), "1")).isEqualTo(3);
        assertThat(column(balance("Random oversample", 1), "id")).as("seeded: the same copies again").isEqualTo(column(even, "id"));
    }

    @Test
    void aRatioOutOfRange_isNamed() {
        assertThatThrownBy(() -> balance("Random oversample", 2)).hasMessageContaining("ratio 2.0 is out of range");
    }

    private static Table balance(String operator, double ratio) {
        return run(CANCELLATIONS, node("b", "sagemaker.spark.balance_data_0.1", "{\"operator\":\"" + operator + "\",\"ratio\":" + ratio
                + ",\"target_column\":\"cancelled\"}"));
    }
}
