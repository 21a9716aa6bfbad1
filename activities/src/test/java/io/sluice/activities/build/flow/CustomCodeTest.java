package io.sluice.activities.build.flow;

import static io.sluice.activities.build.flow.TestFlows.column;
import static io.sluice.activities.build.flow.TestFlows.node;
import static io.sluice.activities.build.flow.TestFlows.run;
import static io.sluice.activities.build.flow.TestFlows.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Needs Python 3 with pandas, which the local tools script installs (Debian's python3-pandas). */
class CustomCodeTest {
    static final String SALES = "StockCode,Country,Quantity,Price\nA,UK,2,1.5\nA,UK,3,1.5\nB,FR,1,\n";

    @Test
    void pandasCode_seesTheTableAsDf_andItsResultIsTheStepsOutput_withTypes() throws Exception {
        Table out = run(SALES, typed(), pandas("df = df.groupby(['StockCode', 'Country'])['Quantity'].sum().reset_index()\n"
                + "df['Share'] = df['Quantity'] / df['Quantity'].sum()\ndf['Big'] = df['Quantity'] > 2"));

        assertThat(out.columns()).containsExactly("StockCode", "Country", "Quantity", "Share", "Big");
        assertThat(column(out, "Quantity")).containsExactly(5L, 1L);
        assertThat(column(out, "Share")).containsExactly(5.0 / 6, 1.0 / 6);
        assertThat(column(out, "Big")).containsExactly(true, false);
    }

    @Test
    void missingValues_goInAsNaN_andComeBackMissing() throws Exception {
        Table out = run(SALES, typed(), pandas("df['Price'] = df['Price'] * 2"));

        assertThat(column(out, "Price")).containsExactly(3.0, 3.0, null);
    }

    @Test
    void failingCode_namesTheNodeAndEndsWithPythonsError() throws Exception {
        assertThatThrownBy(() -> run(SALES, pandas("df = df['NoSuchColumn']")))
                .hasMessageStartingWith("node code (sagemaker.spark.custom_pandas_0.1): its Pandas code failed:")
                .hasMessageContaining("KeyError: 'NoSuchColumn'");
    }

    @Test
    void codeThatLeavesNoDataFrame_isRefused() throws Exception {
        assertThatThrownBy(() -> run(SALES, pandas("df = 42")))
                .hasMessageContaining("the code must leave a DataFrame in `df`; it left int");
    }

    private static String pandas(String code) throws Exception {
        return node("code", "sagemaker.spark.custom_pandas_0.1", "{\"code\":" + new ObjectMapper().writeValueAsString(code) + "}");
    }
}
